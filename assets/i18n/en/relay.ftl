# Relay web pages: the join page and the customer portal page.
#
# Glossary (keep these terms the same in every file):
#   session code = the 9 digits a technician gives a customer
#   portal       = a support portal page where customers ask for help
#   technician   = the support person
#   Lifeline     = the product name, never translated

relay-page-suffix = Lifeline
relay-language-switch = Language

relay-unknown-code-title = Unknown session code
relay-unknown-code-body = There is no session with this code. Check the link or the digits your technician gave you.
relay-expired-title = This code has expired
relay-expired-body = Session codes only work for a limited time. Ask your technician for a new one.
relay-cancelled-title = This code was cancelled
relay-cancelled-body = Your technician withdrew this code. Ask them for a new one if you still need help.
relay-used-title = This code was already used
relay-used-body = Each session code works once. Ask your technician for a new one.
relay-too-many-title = Too many attempts
relay-too-many-body = { $seconds ->
    [one] Too many attempts from your network. Try again in { $seconds } second.
   *[other] Too many attempts from your network. Try again in { $seconds } seconds.
}

relay-join-title = Join your support session
relay-join-hello = Hello { $name },
relay-join-code-label = Your session code:
relay-join-code-aria = session code
relay-join-open-app = Open Lifeline
relay-join-no-app = No app yet? { $link }, then come back to this page, or open the app and type the code above.
relay-join-get-app = Get Lifeline on Google Play
relay-join-expires = { $minutes ->
    [0] The code expires in about a minute.
    [one] The code expires in about a minute.
   *[other] The code expires in { $minutes } minutes.
}
relay-join-expires-hours = { $hours ->
    [one] The code expires in { $hours } hour.
   *[other] The code expires in { $hours } hours.
}
relay-join-chat-only = This is a chat session: your screen is not shared.

relay-portal-not-found-title = Page not found
relay-portal-not-found-body = There is no support portal at this address.
relay-portal-closed-body = This support portal does not take requests online. Please contact support directly.
relay-portal-intro = Tell us who you are and what is wrong. You will get a session code and a technician will chat with you in the Lifeline app.
relay-portal-name = Your name
relay-portal-problem = What do you need help with?
relay-portal-submit = Ask for help
relay-request-failed-title = We could not take your request
relay-request-failed-body = Check your name and the description of your problem, then try again.
