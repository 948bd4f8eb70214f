# Pages web du relais : la page pour rejoindre une session et la page du portail client.
#
# Glossaire (mêmes termes dans tous les fichiers) :
#   session code = code de session (les 9 chiffres donnés par le technicien)
#   portal       = portail (page d'assistance où le client demande de l'aide)
#   technician   = technicien
#   Lifeline     = nom du produit, jamais traduit
# Registre : vouvoiement.

relay-page-suffix = Lifeline
relay-language-switch = Langue

relay-unknown-code-title = Code de session inconnu
relay-unknown-code-body = Aucune session ne correspond à ce code. Vérifiez le lien ou les chiffres que votre technicien vous a communiqués.
relay-expired-title = Ce code a expiré
relay-expired-body = Les codes de session ne sont valables que pendant une durée limitée. Demandez-en un nouveau à votre technicien.
relay-cancelled-title = Ce code a été annulé
relay-cancelled-body = Votre technicien a retiré ce code. Demandez-lui-en un nouveau si vous avez toujours besoin d'aide.
relay-used-title = Ce code a déjà été utilisé
relay-used-body = Chaque code de session ne fonctionne qu'une seule fois. Demandez-en un nouveau à votre technicien.
relay-too-many-title = Trop de tentatives
relay-too-many-body = { $seconds ->
    [one] Trop de tentatives depuis votre réseau. Réessayez dans { $seconds } seconde.
   *[other] Trop de tentatives depuis votre réseau. Réessayez dans { $seconds } secondes.
}

relay-join-title = Rejoindre votre session d'assistance
relay-join-hello = Bonjour { $name },
relay-join-code-label = Votre code de session :
relay-join-code-aria = code de session
relay-join-open-app = Ouvrir Lifeline
relay-join-no-app = Vous n'avez pas encore l'application ? { $link }, puis revenez sur cette page, ou ouvrez l'application et saisissez le code ci-dessus.
relay-join-get-app = Téléchargez Lifeline sur Google Play
relay-join-expires = { $minutes ->
    [0] Le code expire dans une minute environ.
    [one] Le code expire dans une minute environ.
   *[other] Le code expire dans { $minutes } minutes.
}
relay-join-expires-hours = { $hours ->
    [one] Le code expire dans { $hours } heure.
   *[other] Le code expire dans { $hours } heures.
}
relay-join-chat-only = Il s'agit d'une session de discussion : votre écran n'est pas partagé.

relay-portal-not-found-title = Page introuvable
relay-portal-not-found-body = Il n'y a aucun portail d'assistance à cette adresse.
relay-portal-closed-body = Ce portail d'assistance ne prend pas de demandes en ligne. Veuillez contacter directement le support.
relay-portal-intro = Indiquez-nous qui vous êtes et quel est le problème. Vous recevrez un code de session et un technicien discutera avec vous dans l'application Lifeline.
relay-portal-name = Votre nom
relay-portal-problem = Pour quoi avez-vous besoin d'aide ?
relay-portal-submit = Demander de l'aide
relay-request-failed-title = Nous n'avons pas pu enregistrer votre demande
relay-request-failed-body = Vérifiez votre nom et la description de votre problème, puis réessayez.
