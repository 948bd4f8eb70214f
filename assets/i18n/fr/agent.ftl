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
agent-chat-empty = le message est vide
agent-chat-too-long = le message compte { $chars } caractères ; la limite est de { $max }
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

## Connexion : écran de connexion de la fenêtre et ligne d'erreur de l'agent en terminal

window-opening = Ouverture de { $url }…
window-joining = Connexion à la session { $code } sur { $relay } en tant que { $name }…
window-joining-stopped = la connexion a été interrompue

# Pourquoi la connexion a échoué. Chaque message est une proposition : affichée après
# « Impossible de rejoindre la session : », sous le titre de la fenêtre, ou en dernière
# ligne de l'agent en terminal.
agent-reject-unknown-code = ce code de session n'existe pas ; vérifiez les chiffres
agent-reject-expired = ce code de session a expiré ; demandez-en un nouveau
agent-reject-already-used = ce code de session a déjà été utilisé ; demandez-en un nouveau
agent-reject-rate-limited = trop de tentatives ; réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }
agent-reject-unsupported-version = cette application utilise une autre version du protocole que le serveur (version { $supported }) ; mettez-la à jour
agent-reject-unauthorized = vous n'êtes pas connecté, ou ce code appartient à quelqu'un d'autre
agent-join-fingerprint-conflict = --fingerprint { $given } ne correspond pas à l'empreinte du lien { $link } ; utilisez le lien tel que votre technicien vous l'a envoyé
agent-join-insecure-page = un lien de connexion en http:// simple n'est accepté que pour cet ordinateur, pas pour { $host } ; utilisez le lien https://
agent-join-page-unreachable = la page de connexion { $url } est inaccessible : { $detail }
agent-join-page-timed-out = la page de connexion { $url } est inaccessible : aucune réponse à temps
agent-join-page-untrusted = le certificat de la page de connexion n'est pas reconnu par ce système (le serveur utilise peut-être son propre certificat) ; indiquez --fingerprint suivi de l'empreinte donnée par votre technicien, ou ouvrez plutôt le lien lifeline://
agent-join-page-certificate-mismatch = le certificat du serveur n'est pas celui attendu : empreinte { $got } au lieu de { $expected } ; vérifiez l'empreinte ou demandez un nouveau lien
agent-join-cancelled = ce code de session a été annulé ; demandez-en un nouveau
agent-join-page-status = la page de connexion { $url } a répondu { $status }
agent-join-no-deep-link = { $url } n'est pas une page de connexion Lifeline (elle ne contient aucun lien lifeline://)
agent-join-bad-deep-link = le lien de la page de connexion est inutilisable ; demandez un nouveau lien à votre technicien
agent-join-link-scheme = les liens commencent par https:// ou lifeline://, pas par { $found }://
agent-join-link-code = le code de session du lien n'est pas valide ; utilisez le lien tel que votre technicien vous l'a envoyé
agent-join-link-invalid = ce n'est pas un lien Lifeline valide ; utilisez le lien tel que votre technicien vous l'a envoyé
agent-join-no-fingerprint = aucune empreinte de certificat (fp=…) ne permet de vérifier le serveur ; utilisez le lien de session complet
agent-join-setup = impossible de préparer la connexion : { $detail }
agent-join-socket = impossible d'ouvrir un socket UDP : { $detail }
agent-join-relay-unreachable = le serveur { $relay } est inaccessible : { $detail }
agent-join-timed-out = le serveur { $relay } n'a pas répondu dans les { $seconds } s
agent-join-relay-certificate-mismatch = le certificat du serveur n'est pas celui attendu : empreinte { $got } au lieu de { $expected } ; vérifiez le réglage du serveur ou demandez un nouveau lien
agent-join-relay-untrusted = le certificat du serveur n'est pas reconnu : { $detail }
agent-join-wrong-protocol = le serveur { $relay } ne parle pas le protocole Lifeline (lifeline/1)
agent-join-busy = le serveur est saturé ; réessayez dans une minute
agent-join-shutting-down = le serveur est en cours d'arrêt ; réessayez dans un instant
agent-join-handshake-refused = le serveur a refusé la connexion ; réessayez dans un instant
agent-join-bad-hello = la demande de connexion n'a pas pu être envoyée ; essayez un nom plus court
agent-join-malformed = la réponse du serveur est illisible ; réessayez ou demandez un nouveau lien
agent-join-connection-lost = la connexion au serveur a été perdue ; réessayez
agent-join-no-display = impossible d'ouvrir la fenêtre : aucun affichage (DISPLAY et WAYLAND_DISPLAY ne sont pas définis) ; lancez la commande sans --window pour utiliser le terminal

## Pourquoi la session s'est terminée : une proposition, insérée dans agent-ended

agent-end-reason-customer-left = vous avez quitté la session
agent-end-reason-technician-closed = le technicien a mis fin à la session
agent-end-reason-timeout = le technicien ne répond plus
agent-end-reason-relay-shutdown = le serveur s'est arrêté
agent-end-reason-error = une erreur s'est produite ({ $detail })

## L'application Lifeline du téléphone simulé

sim-lifeline-title = Assistance Lifeline
sim-lifeline-waiting = En attente d'un technicien
sim-lifeline-chatting = Discussion avec { $who }
sim-text-message = Message texte
