# Côté client : boîtes de dialogue de consentement, avis, notification de partage, agent
# en terminal et fenêtre de bureau.
#
# Glossaire (mêmes termes dans tous les fichiers) :
#   technician         = technicien ; $who est son nom ou « Le technicien »
#   session code       = code de session
#   screen sharing     = partage d'écran
#   remote control     = contrôle à distance
#   device information = informations sur le périphérique (rapport Diagnostics)
#   log files          = fichiers journaux
#   Lifeline           = nom du produit, jamais traduit
# Registre : vouvoiement.

## Boîtes de dialogue de consentement

consent-title-screen = Partager votre écran ?
consent-title-control = Autoriser le contrôle à distance ?
consent-title-diagnostics = Partager les informations sur le périphérique ?
consent-title-logs = Partager les fichiers journaux ?
consent-body-screen = { $who } verra tout ce qui s'affiche sur votre écran, y compris les notifications, jusqu'à ce que vous arrêtiez le partage.
consent-body-control = { $who } pourra appuyer, balayer et saisir du texte sur votre téléphone. Vous pouvez l'arrêter à tout moment.
consent-body-diagnostics = { $who } verra le modèle de votre téléphone, sa batterie, son stockage, son réseau et les applications installées.
consent-body-logs = { $who } recevra les journaux système de votre téléphone. Ils peuvent contenir des noms d'applications et de comptes.
consent-deny = Refuser
consent-allow = Autoriser

## Ce que le client voit pendant la session

agent-someone = Le technicien
agent-granted-screen = { $who } peut maintenant voir votre écran.
agent-granted-control = { $who } peut maintenant contrôler votre téléphone.
agent-granted-diagnostics = { $who } peut maintenant consulter les informations sur votre périphérique.
agent-granted-logs = { $who } peut maintenant recevoir vos fichiers journaux.
agent-declined-screen = { $who } n'est pas autorisé à voir votre écran.
agent-declined-control = { $who } n'est pas autorisé à contrôler votre téléphone.
agent-declined-diagnostics = { $who } n'est pas autorisé à consulter les informations sur votre périphérique.
agent-declined-logs = { $who } n'est pas autorisé à recevoir vos fichiers journaux.
agent-withdrawn-screen = { $who } ne peut plus voir votre écran.
agent-withdrawn-control = { $who } ne peut plus contrôler votre téléphone.
agent-withdrawn-diagnostics = { $who } ne peut plus consulter les informations sur votre périphérique.
agent-withdrawn-logs = { $who } ne peut plus recevoir vos fichiers journaux.
agent-diagnostics-read = { $who } a consulté les informations sur votre périphérique.
agent-sending-logs = Envoi de vos fichiers journaux à { $who }.
agent-sharing-paused = Partage d'écran suspendu.
agent-sharing-resumed = Partage d'écran repris.
agent-message-not-sent = Message non envoyé : { $reason }.
agent-joined = { $who } a rejoint la session.
agent-recorded = Cette session est enregistrée.
agent-chat-only = Ce téléphone ne peut pas partager son écran : il s'agit d'une session de discussion.
agent-file-sending = Envoi de { $name } ({ $size })…
agent-file-sent = { $name } envoyé ({ $size }).
agent-file-failed = Impossible d'envoyer { $name } : { $reason }
agent-ended = Session terminée : { $reason }.
agent-connection-lost = la connexion a été perdue
agent-size-kb = { $size } ko
agent-size-mb = { $size } Mo

## Notification de partage et pastille de la barre d'état

shade-app-now = Lifeline · maintenant
shade-sharing-title = Votre écran est partagé
shade-sharing-body = { $who } peut voir votre écran
shade-chip = Partage
shade-stop-sharing = Arrêter le partage

## Agent en terminal

term-help =
    Saisissez un message et appuyez sur Entrée pour l'envoyer à votre technicien.
    Commandes : /pause et /resume pour le partage d'écran, /stop-sharing, /stop-control, exit pour quitter.
term-connected = Connecté à { $technician } (session { $session }).
term-delivered = (remis)
term-sent-file = { $name } envoyé.
term-question = { $title } [o/N]
term-answer-yes-no = Veuillez répondre o (oui) ou n (non). { $title } [o/N]
term-answered-on-phone = (réponse donnée sur le téléphone)
term-request-withdrawn = (la demande a été retirée)
term-sharing-on = Votre écran est partagé. (/pause, /stop-sharing)
term-sharing-off = Votre écran n'est pas partagé.
term-control-hint = Saisissez /stop-control pour reprendre le contrôle à tout moment.
term-leaving = Sortie de la session…
term-unknown-command = Commande inconnue { $command } ; saisissez /help.
term-opening = Ouverture de { $url }…
term-joining = Connexion à la session { $code } sur { $relay } en tant que { $name } ({ $device }).
term-waiting = En attente de l'ouverture de la session par votre technicien…
term-cancelled = Annulé.

## Fenêtre de bureau (écran de connexion, discussion, barre d'état)

window-title = Lifeline — session d'assistance
window-title-named = Lifeline — session d'assistance avec { $who }
window-connecting = Connexion…
window-waiting-title = En attente de votre technicien
window-waiting-body = Vous êtes connecté. Votre technicien va ouvrir la session dans un instant.
window-waiting-note = Rien n'est partagé sur votre téléphone tant que vous ne l'autorisez pas sur son écran.
window-join-failed = Impossible de rejoindre la session
window-join-failed-hint = Vérifiez le lien envoyé par votre technicien et réessayez.
window-status-waiting = En attente de { $who }…
window-status-failed = Impossible de rejoindre la session : { $reason }
window-status-chat-only = Discussion uniquement
window-status-sharing = Partage de votre écran
window-status-paused = Partage suspendu
window-status-not-shared = Écran non partagé
window-status-control = contrôle autorisé
window-status-no-control = aucun contrôle
window-your-technician = votre technicien
window-chat-empty = Les messages de votre technicien s'affichent ici.
window-chat-hint = Message à { $who }…
window-chat-you = Vous
window-send = Envoyer
window-pause = Suspendre le partage
window-resume = Reprendre le partage
window-stop-control = Arrêter le contrôle
window-stop-control-tip = Le technicien ne peut plus appuyer ni saisir de texte sur votre téléphone
window-exit = Quitter la session
window-real-phone-note = Votre téléphone est relié à cet ordinateur par USB : utilisez-le comme d'habitude. Votre technicien ne voit son écran et ne le contrôle que si vous l'autorisez ici.
window-close = Fermer la fenêtre
