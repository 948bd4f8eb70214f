# The customer's side: consent dialogs, notices, the sharing notification, the terminal
# agent and the desktop window.
#
# Glossary (keep these terms the same in every file):
#   technician         = the support person; $who is their name or "The technician"
#   session code       = the 9 digits
#   screen sharing     = the technician sees the phone's screen
#   remote control     = the technician taps and types on the phone
#   device information = the Diagnostics report (model, battery, storage, network, apps)
#   log files          = system logs sent to the technician
#   Lifeline           = the product name, never translated

## Consent dialogs

consent-title-screen = Share your screen?
consent-title-control = Allow remote control?
consent-title-diagnostics = Share device information?
consent-title-logs = Share log files?
consent-body-screen = { $who } will see everything on your screen, including notifications, until you stop sharing.
consent-body-control = { $who } will be able to tap, swipe and type on your phone. You can stop it at any time.
consent-body-diagnostics = { $who } will see your phone's model, battery, storage, network and installed apps.
consent-body-logs = { $who } will receive your phone's system logs. They can contain app and account names.
consent-deny = Deny
consent-allow = Allow

## What the customer is told during the session

agent-someone = The technician
agent-granted-screen = { $who } can now see your screen.
agent-granted-control = { $who } can now control your phone.
agent-granted-diagnostics = { $who } can now read your device information.
agent-granted-logs = { $who } can now receive your log files.
agent-declined-screen = { $who } may not see your screen.
agent-declined-control = { $who } may not control your phone.
agent-declined-diagnostics = { $who } may not read your device information.
agent-declined-logs = { $who } may not receive your log files.
agent-withdrawn-screen = { $who } can no longer see your screen.
agent-withdrawn-control = { $who } can no longer control your phone.
agent-withdrawn-diagnostics = { $who } can no longer read your device information.
agent-withdrawn-logs = { $who } can no longer receive your log files.
agent-diagnostics-read = { $who } read your device information.
agent-sending-logs = Sending your log files to { $who }.
agent-sharing-paused = Screen sharing paused.
agent-sharing-resumed = Screen sharing resumed.
agent-message-not-sent = Message not sent: { $reason }.
agent-chat-empty = the message is empty
agent-chat-too-long = the message has { $chars } characters; the limit is { $max }
agent-joined = { $who } joined the session.
agent-recorded = This session is recorded.
agent-chat-only = This phone cannot share its screen: this is a chat session.
agent-file-sending = Sending { $name } ({ $size })…
agent-file-sent = Sent { $name } ({ $size }).
agent-file-failed = Could not send { $name }: { $reason }
agent-ended = Session ended: { $reason }.
agent-connection-lost = the connection was lost
agent-size-kb = { $size } kB
agent-size-mb = { $size } MB

## The phone's sharing notification and status-bar chip

shade-app-now = Lifeline · now
shade-sharing-title = Your screen is being shared
shade-sharing-body = { $who } can see your screen
shade-chip = Sharing
shade-stop-sharing = Stop sharing

## The terminal agent

term-help =
    Type a message and press Enter to send it to your technician.
    Commands: /pause and /resume screen sharing, /stop-sharing, /stop-control, exit to leave.
term-connected = Connected to { $technician } (session { $session }).
term-delivered = (delivered)
term-sent-file = Sent { $name }.
term-question = { $title } [y/N]
term-answer-yes-no = Please answer y or n. { $title } [y/N]
term-answered-on-phone = (answered on the phone)
term-request-withdrawn = (the request was withdrawn)
term-sharing-on = Your screen is being shared. (/pause, /stop-sharing)
term-sharing-off = Your screen is not being shared.
term-control-hint = Type /stop-control to take back control at any time.
term-leaving = Leaving the session…
term-unknown-command = Unknown command { $command }; type /help.
term-opening = Opening { $url }…
term-joining = Joining session { $code } at { $relay } as { $name } ({ $device }).
term-waiting = Waiting for your technician to open the session…
term-cancelled = Cancelled.

## The desktop window (join screen, chat, status bar)

window-title = Lifeline — support session
window-title-named = Lifeline — { $who } support session
window-connecting = Connecting…
window-waiting-title = Waiting for your technician
window-waiting-body = You are connected. Your technician will open the session shortly.
window-waiting-note = Nothing on your phone is shared until you allow it on the phone's screen.
window-join-failed = Could not join
window-join-failed-hint = Check the link from your technician and try again.
window-status-waiting = Waiting for { $who }…
window-status-failed = Could not join: { $reason }
window-status-chat-only = Chat only
window-status-sharing = Sharing your screen
window-status-paused = Sharing paused
window-status-not-shared = Screen not shared
window-status-control = control allowed
window-status-no-control = no control
window-your-technician = your technician
window-chat-empty = Messages from your technician appear here.
window-chat-hint = Message { $who }…
window-chat-you = You
window-send = Send
window-pause = Pause sharing
window-resume = Resume sharing
window-stop-control = Stop control
window-stop-control-tip = The technician can no longer tap or type on your phone
window-exit = Exit session
window-real-phone-note = Your phone is connected to this computer by USB: use it as usual. Your technician sees its screen and controls it only when you allow it here.
window-close = Close window

## Joining: the window's join screen and the terminal agent's error line

window-opening = Opening { $url }…
window-joining = Joining session { $code } at { $relay } as { $name }…
window-joining-stopped = joining stopped

# Why joining failed. Each is a clause: shown after "Could not join:", under the window's
# "Could not join" heading, or as the terminal agent's last line.
agent-reject-unknown-code = this session code does not exist; check the digits
agent-reject-expired = this session code has expired; ask for a new one
agent-reject-already-used = this session code was already used; ask for a new one
agent-reject-rate-limited = too many attempts; try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }
agent-reject-unsupported-version = this app speaks another protocol version than the server (version { $supported }); update it
agent-reject-unauthorized = not signed in, or this code belongs to someone else
agent-join-fingerprint-conflict = --fingerprint { $given } does not match the link's fingerprint { $link }; use the link as your technician sent it
agent-join-insecure-page = a plain http:// join link is only accepted for this computer, not { $host }; use the https:// link
agent-join-page-unreachable = the join page { $url } is unreachable: { $detail }
agent-join-page-timed-out = the join page { $url } is unreachable: no answer in time
agent-join-page-untrusted = the join page's certificate is not trusted by this system (the relay may use its own certificate); pass --fingerprint FP as your technician gives it, or open the lifeline:// link instead
agent-join-page-certificate-mismatch = the relay's certificate is not the one expected: fingerprint { $got } instead of { $expected }; check the fingerprint or ask for a new link
agent-join-cancelled = this session code was cancelled; ask for a new one
agent-join-page-status = the join page { $url } answered { $status }
agent-join-no-deep-link = { $url } is not a Lifeline join page (it holds no lifeline:// link)
agent-join-bad-deep-link = the join page's link is unusable; ask your technician for a new link
agent-join-link-scheme = links start with https:// or lifeline://, not { $found }://
agent-join-link-code = the link's session code is invalid; use the link as your technician sent it
agent-join-link-invalid = this is not a valid Lifeline link; use the link as your technician sent it
agent-join-no-fingerprint = there is no certificate fingerprint (fp=…) to check the relay against; use the full session link
agent-join-setup = could not set up the connection: { $detail }
agent-join-socket = could not open a UDP socket: { $detail }
agent-join-relay-unreachable = the relay { $relay } is unreachable: { $detail }
agent-join-timed-out = the relay { $relay } did not answer within { $seconds } s
agent-join-relay-certificate-mismatch = the relay's certificate is not the one expected: fingerprint { $got } instead of { $expected }; check the server setting or ask for a new link
agent-join-relay-untrusted = the relay's certificate is not trusted: { $detail }
agent-join-wrong-protocol = the server at { $relay } does not speak the Lifeline protocol (lifeline/1)
agent-join-busy = the relay is busy; try again in a minute
agent-join-shutting-down = the relay is shutting down; try again shortly
agent-join-handshake-refused = the relay refused the connection; try again shortly
agent-join-bad-hello = the request to join could not be sent; try a shorter name
agent-join-malformed = the relay's answer could not be read; try again or ask for a new link
agent-join-connection-lost = the connection to the relay was lost; try again
agent-join-no-display = cannot open the desktop window: no display (DISPLAY and WAYLAND_DISPLAY are not set); run without --window to use the terminal

## Why the session ended: a clause, placed in agent-ended

agent-end-reason-customer-left = you left the session
agent-end-reason-technician-closed = the technician ended the session
agent-end-reason-timeout = the technician stopped responding
agent-end-reason-relay-shutdown = the server shut down
agent-end-reason-error = an error occurred ({ $detail })

## The simulated phone's Lifeline app

sim-lifeline-title = Lifeline support
sim-lifeline-waiting = Waiting for a technician
sim-lifeline-chatting = Chatting with { $who }
sim-text-message = Text message
