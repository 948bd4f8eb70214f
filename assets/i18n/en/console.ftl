# The technician's console.
#
# Glossary (keep these terms the same in every window and every language):
#   Code Management = the window where session codes are created and sent
#   session code    = the 9 digits a customer uses to join ("code" for short)
#   portal          = a support portal (policy + customer page); "portal request" = a
#                     customer's request for help from a portal page
#   session         = one support session with one phone
#   Diagnostics     = the device information report
#   log files       = the phone's logs, sent as files
#   softkeys        = the Back, Home and Recents keys under the screen
#   screen view     = seeing the phone's screen; control = remote control
#   Sessions        = the window with the records of past sessions
#   record          = a session record (who, when, outcome, recording)
#   wrap-up         = what the technician writes when a session ends (outcome + notes)
#   Lifeline        = the product name, never translated

## Header

header-subtitle = technician console
console-window-title = Lifeline console
header-settings = Settings
header-theme-light = Switch to the light theme
header-theme-dark = Switch to the dark theme
header-sign-out = Sign out
header-code-management = Code Management
header-admin = Admin
header-sessions = Sessions
header-sessions-tip = Records of past sessions
header-admin-tip = Portals and accounts
header-close-tab = Close this tab
header-demo-joining = The demo phone is joining…
header-demo-unavailable = Demo phone unavailable
header-local-server = Local server
header-status-starting = starting…
header-status-signed-out = signed out
header-status-signing-in = signing in…
header-status-online = online
header-status-unreachable = unreachable
header-status-failed = failed
header-certificate = certificate { $fingerprint }

## Sign-in

login-title = Sign in
login-subtitle = to your Lifeline server
login-server = Server
login-fingerprint = Fingerprint
login-fingerprint-hint = SHA-256 of a self-signed certificate
login-user = User name
login-password = Password
login-submit = Sign in
login-use-local = Use a local server instead
login-use-local-tip = Runs a server on this computer; customers on other networks cannot reach it

## Code Management

codes-refresh = ⟳ Refresh
codes-new = New session code
codes-identifier = Identifier
codes-identifier-hint = customer's name (optional)
codes-portal = Portal
codes-default-portal = Default
codes-create = Create code
codes-yours = Your codes
codes-none = No codes yet. Create one and send it to your customer.
codes-column-code = Code
codes-column-identifier = Identifier
codes-column-portal = Portal
codes-column-state = State
codes-column-expires = Expires in
codes-state-pending = pending
codes-state-active = in session
codes-state-expired = expired
codes-state-cancelled = cancelled
codes-state-ended = ended
codes-waiting-customer = waiting for the customer
codes-chat-only = chat only
codes-copy-url = Copy URL
codes-send-email = Send code via email
codes-send-email-tip = Opens your mail client with the link, the code and how to join
codes-cancel = Cancel
codes-open-session = Open session
codes-requests = Portal requests
codes-no-requests = No customer is waiting in a portal.
codes-request-expires = chat only · expires in { $left }
codes-accept = Accept

## A session

session-tab-chat = Chat
session-tab-diagnostics = Diagnostics
session-tab-files = Files
session-device = { $make } { $model } · Android { $version }
session-code = code { $code }
session-connecting = connecting…
session-waiting = waiting for the customer
session-live = live
session-recorded = ⏺ recorded
session-asking = { $label } (asking…)
session-request-screen = Request screen view
session-request-control = Request control
session-resume-view = Resume view
session-pause-view = Pause view
session-screenshot = Screenshot
session-screenshot-tip = Save the current screen as PNG in the session's folder
session-quality = Quality
session-fps = { $fps } fps
session-get-diagnostics = Get diagnostics
session-get-logs = Get log files
session-close-tab = Close tab
session-end = End session
session-back = ◀ Back
session-back-tip = Android Back (or right-click the screen)
session-home = 🏠 Home
session-home-tip = Android Home (or middle-click the screen)
session-recents = ■ Recents
session-recents-tip = Android Recents
session-control-first = Ask for control first
session-zoom-fit = Fit
session-over = The session is over
session-customer-paused = The customer paused screen sharing
session-view-paused = View paused
session-view-withdrawn = Screen view was withdrawn
session-first-frame = Waiting for the first frame…
session-asking-screen = Waiting for the customer to allow screen view…
session-no-screen = This phone cannot share its screen.
session-screen-off = Screen view is turned off for this portal.
session-screen-declined = The customer declined screen view.
session-screen-stopped = The customer stopped sharing the screen.
session-screen-refused = Screen view refused: { $reason }
session-screen-hint = Use “Request screen view” to see the phone's screen.
session-end-title = End the session?
session-end-body = { $who } will be told the session is over. The transcript stays here.
session-end-now = End session now
session-keep-going = Keep going
session-chat-only =
    This phone cannot share its screen, so this session is chat-only:
    chat, diagnostics and log files are available on the right.
capability-screen = Screen view
capability-control = Remote control
capability-diagnostics = Diagnostics
capability-logs = Log files
session-consent-tip = { $label }: { $state }
consent-state-not-asked = not requested
consent-state-asking = waiting for the customer
consent-state-granted = allowed
consent-state-by-policy = allowed by policy
consent-state-denied = declined
consent-state-revoked = withdrawn
consent-state-off = off for this portal
consent-state-unsupported = not supported by this phone
consent-state-refused = refused: { $reason }

## Chat

chat-message = Message
chat-hint = Type a message
chat-not-live = The session is not live
chat-send = Send
chat-you = You
chat-sending = sending…
chat-sent = sent
chat-delivered = delivered
chat-not-sent = not sent
chat-customer = Customer

## Diagnostics

diag-intro = Ask the phone for device information: model, battery, storage, memory, network, apps and processes.
diag-request = Request diagnostics
diag-waiting = Waiting for the customer to allow sharing device information…
diag-refused = Diagnostics were refused: { $reason }.
diag-ask-again = Ask again
diag-filter = Filter
diag-filter-hint = e.g. battery
diag-copy = Copy
diag-export = Export JSON
diag-refresh = ⟳ Refresh
diag-received = Received at { $time }
diag-nothing = Nothing reported.
diag-no-match = Nothing matches the filter.

## Log files

files-request = Request log files
files-open-folder = Open folder
files-none = No files yet. The customer is asked before any file is sent.
files-progress = { $received } of { $total }
files-verified = ✔ { $size } · SHA-256 verified

## Admin

admin-title = Admin
admin-reload = ⟳ Reload
admin-portals = Portals
admin-policy-help = ask: the customer approves each request · notify: allowed, the customer is told · off: never
admin-column-portal = Portal
admin-column-screen = Screen view
admin-column-control = Control
admin-column-diagnostics = Diagnostics
admin-column-logs = Log files
admin-column-lifetime = Code lifetime
admin-column-pending = Pending codes
admin-column-requests = Chat requests
admin-policy-ask = ask
admin-policy-notify = notify
admin-policy-off = off
admin-minutes-suffix = { " " }min
admin-save = Save
admin-undo = Undo
admin-new-portal = New portal
admin-name = Name
admin-slug = Slug
admin-slug-hint = e.g. retail
admin-create-portal = Create portal
admin-records = Session records
admin-recording-notice = Customers are told that their session is recorded on these portals:
admin-retention-loading = Loading…
admin-retention-delete-after = Delete records after
admin-days-value = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
admin-retention-now = Records are deleted { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after their session.
admin-retention-forever = Records are kept forever.
admin-accounts = Accounts
admin-column-name = Name
admin-column-role = Role
admin-column-disabled = Disabled
admin-role-technician = technician
admin-role-lead = lead
admin-role-admin = admin
admin-new-account = New account
admin-password = Password
admin-password-hint = 8 characters or more
admin-create-account = Create account

## Settings

settings-title = Settings
settings-language = Language
settings-language-system = System ({ $language })
settings-theme = Theme
settings-theme-dark = Dark
settings-theme-light = Light
settings-downloads = Downloads folder
settings-server = Server
settings-server-hint = empty: run a server on this computer
settings-fingerprint = Fingerprint
settings-fingerprint-hint = SHA-256 of the server's certificate
settings-reconnect-note = Changing the server reconnects; live sessions end.
settings-save = Save

## Notices and errors

notice-copied-url = The join URL was copied to the clipboard.
notice-copied-report = The report was copied to the clipboard.
notice-open-failed-mail = Could not open your mail client: { $reason }
notice-open-failed-folder = Could not open the folder: { $reason }
notice-folder-failed = The folder { $path } could not be created: { $reason }
notice-file-not-written = { $path } could not be written: { $reason }
notice-server-failed = The server could not start: { $reason }
notice-session-failed = Session { $code }: { $reason }
notice-local-failed = The local server could not start: { $reason }
notice-code-created = Code { $code } created.
notice-code-cancelled = Code { $code } cancelled.
notice-portal-saved = Portal { $name } saved.
notice-retention-saved = Records are now kept { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
notice-retention-forever = Records are now kept forever.
notice-account-created = Account { $name } created.
notice-server-starting = Starting the local server…
error-server-not-url = the server address { $server } is not a URL: { $reason }
error-server-scheme = the server address must start with https://, not { $scheme }://
error-bad-fingerprint = the fingerprint is not valid: { $reason }

## The invitation email (in the technician's language)

invite-subject = Your remote support session
invite-hello = Hello,
invite-hello-named = Hello { $name },
invite-body =
    To start the support session, open this link on your Android phone:
    { $url }

    If the Lifeline app is already installed you can also open it and enter this code:
    { $code }

    How to join:
    1. Open the link (or the app) on your phone.
    2. Install the Lifeline app if you are asked to.
    3. Enter your name and tap Join. You will see a chat with your technician.
    4. Your technician will ask before seeing or controlling your screen; you can stop sharing at any time.

    The code works once and expires if nobody joins in time.

## Video status line

video-summary = { $fps } fps · RTT { $rtt } · { $rate } · { $stream }
video-ms = { $ms } ms
video-mbps = { $rate } Mbit/s
video-kbps = { $rate } kbit/s
video-stream = { $codec } { $size }
video-codec-tiles = tiles
video-stream-landscape = { $codec } { $size } (landscape)
video-stream-upside-down = { $codec } { $size } (upside down)
video-none = no video

## Session events in the transcript

event-recorded = This session is recorded.
event-joined = { $name } joined
event-joined-from = { $chat_only ->
    [yes] { $name } joined from a { $make } { $model } (Android { $version }); this phone cannot share its screen, so the session is chat-only
   *[no] { $name } joined from a { $make } { $model } (Android { $version })
}
event-screen-stopped = The screen stopped: { $reason }
event-file-received = Received { $name } (SHA-256 verified), saved to { $path }
event-file-failed = A file could not be received: { $reason }
event-saved = Saved { $path }
event-customer-left = The customer left the session.
event-connection-lost = The customer's connection was lost.
reason-session-ended = the session ended
reason-declined-diagnostics = the customer declined to share device information
event-asked = { $capability ->
    [screen] Asked the customer for screen view.
    [control] Asked the customer for remote control.
    [diagnostics] Asked the customer for diagnostics.
   *[logs] Asked the customer for log files.
}
event-asked-diagnostics = Asked for device information.
event-asked-logs = Asked for log files.
event-allowed = { $capability ->
    [screen] The customer allowed screen view.
    [control] The customer allowed remote control.
    [diagnostics] The customer allowed diagnostics.
   *[logs] The customer allowed log files.
}
event-allowed-by-policy = { $capability ->
    [screen] The customer allowed screen view (allowed by the portal's policy; the customer was told).
    [control] The customer allowed remote control (allowed by the portal's policy; the customer was told).
    [diagnostics] The customer allowed diagnostics (allowed by the portal's policy; the customer was told).
   *[logs] The customer allowed log files (allowed by the portal's policy; the customer was told).
}
event-declined = { $capability ->
    [screen] The customer declined screen view.
    [control] The customer declined remote control.
    [diagnostics] The customer declined diagnostics.
   *[logs] The customer declined log files.
}
event-withdrew = { $capability ->
    [screen] The customer withdrew screen view.
    [control] The customer withdrew remote control.
    [diagnostics] The customer withdrew diagnostics.
   *[logs] The customer withdrew log files.
}
event-refused = Refused: { $reason }.
event-paused = The customer paused screen sharing.
event-resumed = The customer resumed screen sharing.
event-diagnostics-received = Device information received.
event-file-offer = The phone is sending { $name } ({ $size }).
event-ended-customer = The customer ended the session: { $reason }.
event-ended-technician = The session was ended: { $reason }.
event-ended-server = The server ended the session: { $reason }.

## Diagnostics report

diag-group-device = Device
diag-group-battery = Battery
diag-group-storage = Storage
diag-group-memory = Memory
diag-group-cpu = CPU
diag-group-display = Display
diag-group-network = Network
diag-group-apps = Apps
diag-group-processes = Processes
diag-row-manufacturer = Manufacturer
diag-row-model = Model
diag-row-android-version = Android version
diag-row-api-level = API level
diag-row-build = Build
diag-row-security-patch = Security patch
diag-row-uptime = Uptime
diag-row-locale = Locale
diag-row-time-zone = Time zone
diag-row-level = Level
diag-row-charging = Charging
diag-row-health = Health
diag-row-temperature = Temperature
diag-row-total = Total
diag-row-free = Free
diag-row-available = Available
diag-row-abi = ABI
diag-row-cores = Cores
diag-row-resolution = Resolution
diag-row-density = Density
diag-row-refresh-rate = Refresh rate
diag-row-connection = Connection
diag-row-wi-fi-network = Wi-Fi network
diag-row-wi-fi-signal = Wi-Fi signal
diag-row-ip-addresses = IP addresses
diag-yes = yes
diag-no = no
diag-health-good = good
diag-health-overheat = overheating
diag-health-dead = dead
diag-health-over-voltage = over voltage
diag-health-failure = failure
diag-health-cold = cold
diag-health-unknown = unknown
diag-network-cellular = mobile data
diag-network-none = none
diag-network-other = other
diag-uptime = { $hours } h { $minutes } min
diag-uptime-days = { $days } d { $hours } h { $minutes } min
size-b = { $size } B
size-kb = { $size } kB
size-mb = { $size } MB
size-gb = { $size } GB
size-tb = { $size } TB

## Sessions: the records of past sessions

review-title = Sessions
review-search = Search
review-search-hint = name, identifier or chat text
review-technician = Technician
review-portal = Portal
review-from = From
review-to = To
review-date-hint = YYYY-MM-DD
review-any = any
review-search-button = Search
review-bad-from = “From” must be a date like 2026-11-21
review-bad-to = “To” must be a date like 2026-11-21
review-outcome-any = Any outcome
review-outcome-none = No wrap-up
outcome-resolved = Resolved
outcome-unresolved = Unresolved
outcome-follow-up = Follow-up
review-opening = Opening the record…
review-open-failed = The record could not be opened: { $reason }
review-no-match = No session records match.
review-column-started = Started
review-column-customer = Customer
review-column-identifier = Identifier
review-column-technician = Technician
review-column-portal = Portal
review-column-duration = Duration
review-column-outcome = Outcome
review-running = running
review-open = Open
review-open-tip = Session { $id } (code { $code })

## Sessions: an opened record

review-record-title = Session { $id } — { $technician } with { $customer }
review-back = Back to Sessions
review-export-frame = Export frame (PNG)
review-export-transcript = Export transcript
review-missing-chunks = { $count ->
    [one] Part of this recording never reached the server (chunk { $chunks }).
   *[other] Parts of this recording never reached the server ({ $count } chunks: { $chunks }).
}
review-tab-chat = Chat
review-tab-events = Events
review-tab-diagnostics = Diagnostics
review-tab-files = Files
review-tab-details = Details
review-no-chat = No chat up to this moment.
review-party-technician = Technician
review-party-customer = Customer
review-party-relay = Server
review-go-to = Go to this moment
review-no-diagnostics = No diagnostics were shared in this session.
review-report-at = Report at { $time }
review-no-files = No files were received in this session.
review-files-note = Files are kept on the server with the record; each download is checked against its SHA-256.
review-file-download = Download
review-file-downloading = Downloading…
review-file-saved = Saved to { $path }
review-file-failed = Not downloaded: { $reason }
review-file-uploading = On the server: { $received } of { $size }
review-file-not-kept = Not kept on the server
review-detail-technician = Technician
review-detail-customer = Customer
review-detail-identifier = Identifier
review-detail-code = Code
review-detail-portal = Portal
review-detail-device = Device
review-detail-started = Started
review-detail-duration = Duration
review-detail-ended-by = Ended by
review-ended-by-value = { $by }: { $reason }
review-detail-outcome = Outcome
review-detail-notes = Notes
review-detail-recording = Recording
review-still-running = still running
review-no-wrapup = no wrap-up
review-access-log = Access log
review-access-opened = { $user } opened it on { $when }
review-access-downloaded = { $user } downloaded it on { $when }
review-access-downloaded-file = { $user } downloaded { $file } on { $when }

## Sessions: the player

review-play = Play
review-pause = Pause
review-speed = Speed
review-speed-value = { $speed }×
review-seek-hint = Click or drag to seek
review-timeline = Timeline
review-no-screen = No screen at this moment.
review-recorded-screen = Recorded screen

## Sessions: events of a record

review-event-code-created = Code { $code } created
review-event-code-created-for = Code { $code } created for { $identifier }
review-event-chat = { $who }: { $text }
review-event-refused = { $capability ->
    [screen] The phone refused screen view: { $reason }
    [control] The phone refused remote control: { $reason }
    [diagnostics] The phone refused diagnostics: { $reason }
   *[logs] The phone refused log files: { $reason }
}
review-event-file = File { $name } ({ $size })
review-event-ended = The session ended: { $reason }.

## Wrap-up

wrapup-title = Wrap-up
wrapup-saved = Saved with the session record.
wrapup-notes = Notes
wrapup-notes-hint = What was done, what is left
wrapup-save = Save wrap-up
wrapup-save-again = Save again

## Why something failed (a clause: it follows a colon, or starts a line capitalized)

problem-client-setup = the secure connection could not be set up: { $detail }
problem-unreachable = the server { $url } is unreachable: { $detail }
problem-certificate = the server { $url } did not present the expected certificate; check the server's fingerprint in the settings
problem-malformed = the server's answer could not be read
problem-wrong-password = wrong name or password
problem-sign-in-expired = your sign-in expired; sign in again
problem-account-disabled = this account is disabled; ask an admin to enable it
problem-too-many = too many attempts; try again later
problem-too-many-wait = too many attempts; try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }
problem-forbidden = your account is not allowed to do this
problem-not-found = the server no longer has this item
problem-name-taken = an account with this name already exists
problem-slug-taken = a portal with this address already exists
problem-too-many-codes = you already have as many pending codes as this portal allows; cancel one or wait for one to be used or to expire
problem-own-account = you cannot disable your own account or take away its admin role
problem-conflict = the server refused the change because it conflicts with its current state
problem-invalid = the server refused the request as invalid
problem-password-length = the password must have at least { $min } characters
problem-name-empty = the name is empty
problem-portal-incomplete = a new portal needs a name and an address
problem-slug-invalid = a portal's address may hold only lowercase letters, digits and dashes (not first or last), at most { $max } characters
problem-code-lifetime = a code's lifetime must be between 1 minute and 7 days
problem-retention-range = records are kept from 1 to { $max } days, or forever
problem-too-large = the server refused the request: it is too large
problem-server-failed = the server failed to handle the request (HTTP { $status })
problem-refused = the server refused the request (HTTP { $status })
problem-not-signed-in = sign in first
problem-demo-missing = the demo phone could not start: { $program } was not found in { $folder }. Build it with `cargo build -p lifeline-agent-android`, or join the code from a phone
problem-demo-not-started = the demo phone could not start: { $program } failed to run: { $detail }
problem-demo-left = the demo phone left the session
problem-demo-stopped = the demo phone stopped ({ $status })
problem-demo-not-watched = the demo phone could not be watched: { $detail }
problem-no-fingerprint = the server's link carries no certificate fingerprint; set it in the settings
problem-code-unknown = this session code does not exist
problem-code-expired = this session code has expired; create a new one
problem-code-used = this session code was already used; create a new one
problem-version = the server speaks another protocol version (version { $version }); update the console
problem-code-not-yours = not signed in, or this code belongs to someone else
problem-connect-failed = the server could not be reached: { $detail }
problem-code-withdrawn = the code was withdrawn
problem-server-shutdown = the server is shutting down
problem-you-ended = you ended the session
problem-relay-ended = the server ended the session
problem-connection-lost = the connection was lost
problem-connection-lost-detail = the connection was lost ({ $detail })
problem-not-connected = the session is not connected
problem-queue-full = too many messages are waiting
problem-bad-link = the server's link for code { $code } cannot be used: { $detail }
problem-decoder = the phone's screen could not be decoded: { $detail }
problem-folder-not-created = the folder { $path } could not be created: { $detail }
problem-not-written = { $path } could not be written: { $detail }
problem-not-saved = { $path } could not be saved: { $detail }
problem-checksum = the content's SHA-256 does not match what was announced; nothing was saved
problem-transfer-broken = the transfer broke off: { $detail }
problem-screenshot = the screenshot could not be encoded: { $detail }
problem-recording = the recording cannot be played: { $detail }
problem-busy = the console is busy; try again in a moment
problem-network-stopped = the console's network side has stopped; restart the console
problem-network-not-started = the console's network side could not start: { $detail }

## Why a session ended, as the phone or the server said (follows a colon)

end-reason-customer-left = the customer left the session
end-reason-technician-closed = the technician ended the session
end-reason-connection-lost = the connection was lost
end-reason-timeout = the other side stopped responding
end-reason-relay-shutdown = the server shut down
end-reason-error = an error occurred: { $detail }
end-reason-customer-ended = the customer ended the session
end-reason-customer-dropped = the customer's connection dropped
end-reason-customer-lost = the customer's connection was lost: { $detail }
end-reason-technician-lost = the technician's connection was lost: { $detail }
