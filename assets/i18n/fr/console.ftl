# Console du technicien.
#
# Glossaire (mêmes termes dans toutes les fenêtres et toutes les langues) :
#   Code Management = Gestion des codes
#   session code    = code de session (« code » en abrégé)
#   portal          = portail ; portal request = demande via le portail
#   session         = session
#   Diagnostics     = Diagnostics (rapport d'informations sur le périphérique)
#   log files       = fichiers journaux
#   softkeys        = touches de navigation (Retour, Accueil, Applications récentes)
#   screen view     = affichage de l'écran ; control = contrôle à distance
#   Sessions        = Sessions (la fenêtre des fiches de session)
#   record          = fiche de session (« fiche » en abrégé)
#   wrap-up         = bilan (résultat et notes en fin de session)
#   Lifeline        = nom du produit, jamais traduit
# Registre : vouvoiement.

## En-tête

header-subtitle = console du technicien
console-window-title = Console Lifeline
header-settings = Paramètres
header-theme-light = Passer au thème clair
header-theme-dark = Passer au thème sombre
header-sign-out = Se déconnecter
header-code-management = Gestion des codes
header-admin = Administration
header-sessions = Sessions
header-sessions-tip = Fiches des sessions passées
header-admin-tip = Portails et comptes
header-close-tab = Fermer cet onglet
header-demo-joining = Le téléphone de démonstration se connecte…
header-demo-unavailable = Téléphone de démonstration indisponible
header-local-server = Serveur local
header-status-starting = démarrage…
header-status-signed-out = déconnecté
header-status-signing-in = connexion…
header-status-online = en ligne
header-status-unreachable = injoignable
header-status-failed = en échec
header-certificate = certificat { $fingerprint }

## Connexion

login-title = Connexion
login-subtitle = à votre serveur Lifeline
login-server = Serveur
login-fingerprint = Empreinte
login-fingerprint-hint = SHA-256 d'un certificat autosigné
login-user = Nom d'utilisateur
login-password = Mot de passe
login-submit = Se connecter
login-use-local = Utiliser plutôt un serveur local
login-use-local-tip = Lance un serveur sur cet ordinateur ; les clients situés sur d'autres réseaux ne pourront pas l'atteindre

## Gestion des codes

codes-refresh = ⟳ Actualiser
codes-new = Nouveau code de session
codes-identifier = Identifiant
codes-identifier-hint = nom du client (facultatif)
codes-portal = Portail
codes-default-portal = Par défaut
codes-create = Créer un code
codes-yours = Vos codes
codes-none = Aucun code pour l'instant. Créez-en un et envoyez-le à votre client.
codes-column-code = Code
codes-column-identifier = Identifiant
codes-column-portal = Portail
codes-column-state = État
codes-column-expires = Expire dans
codes-state-pending = en attente
codes-state-active = en session
codes-state-expired = expiré
codes-state-cancelled = annulé
codes-state-ended = terminé
codes-waiting-customer = en attente du client
codes-chat-only = discussion uniquement
codes-copy-url = Copier l'URL
codes-send-email = Envoyer le code par e-mail
codes-send-email-tip = Ouvre votre messagerie avec le lien, le code et la marche à suivre
codes-cancel = Annuler
codes-open-session = Ouvrir la session
codes-requests = Demandes via le portail
codes-no-requests = Aucun client n'attend sur un portail.
codes-request-expires = discussion uniquement · expire dans { $left }
codes-accept = Accepter

## Une session

session-tab-chat = Discussion
session-tab-diagnostics = Diagnostics
session-tab-files = Fichiers
session-device = { $make } { $model } · Android { $version }
session-code = code { $code }
session-connecting = connexion…
session-waiting = en attente du client
session-live = en direct
session-recorded = ⏺ enregistrée
session-asking = { $label } (demande en cours…)
session-request-screen = Demander l'affichage de l'écran
session-request-control = Demander le contrôle
session-resume-view = Reprendre l'affichage
session-pause-view = Suspendre l'affichage
session-screenshot = Capture d'écran
session-screenshot-tip = Enregistrer l'écran actuel au format PNG dans le dossier de la session
session-quality = Qualité
session-fps = { $fps } i/s
session-get-diagnostics = Obtenir les diagnostics
session-get-logs = Obtenir les fichiers journaux
session-close-tab = Fermer l'onglet
session-end = Terminer la session
session-back = ◀ Retour
session-back-tip = Touche Retour d'Android (ou clic droit sur l'écran)
session-home = 🏠 Accueil
session-home-tip = Touche Accueil d'Android (ou clic du milieu sur l'écran)
session-recents = ■ Récentes
session-recents-tip = Applications récentes d'Android
session-control-first = Demandez d'abord le contrôle
session-zoom-fit = Ajuster
session-over = La session est terminée
session-customer-paused = Le client a suspendu le partage d'écran
session-view-paused = Affichage suspendu
session-view-withdrawn = L'affichage de l'écran a été retiré
session-first-frame = En attente de la première image…
session-asking-screen = En attente de l'autorisation du client pour afficher l'écran…
session-no-screen = Ce téléphone ne peut pas partager son écran.
session-screen-off = L'affichage de l'écran est désactivé pour ce portail.
session-screen-declined = Le client a refusé l'affichage de l'écran.
session-screen-stopped = Le client a arrêté le partage d'écran.
session-screen-refused = Affichage de l'écran refusé : { $reason }
session-screen-hint = Utilisez « Demander l'affichage de l'écran » pour voir l'écran du téléphone.
session-end-title = Terminer la session ?
session-end-body = { $who } sera informé(e) de la fin de la session. La transcription reste disponible ici.
session-end-now = Terminer maintenant
session-keep-going = Continuer
session-chat-only =
    Ce téléphone ne peut pas partager son écran, cette session se limite donc à la discussion :
    la discussion, les diagnostics et les fichiers journaux sont disponibles à droite.
capability-screen = Affichage de l'écran
capability-control = Contrôle à distance
capability-diagnostics = Diagnostics
capability-logs = Fichiers journaux
session-consent-tip = { $label } : { $state }
consent-state-not-asked = non demandé
consent-state-asking = en attente du client
consent-state-granted = autorisé
consent-state-by-policy = autorisé par la stratégie du portail
consent-state-denied = refusé
consent-state-revoked = retiré
consent-state-off = désactivé pour ce portail
consent-state-unsupported = non pris en charge par ce téléphone
consent-state-refused = refusé : { $reason }

## Discussion

chat-message = Message
chat-hint = Saisissez un message
chat-not-live = La session n'est pas en cours
chat-send = Envoyer
chat-you = Vous
chat-sending = envoi…
chat-sent = envoyé
chat-delivered = remis
chat-not-sent = non envoyé
chat-customer = Client

## Diagnostics

diag-intro = Demandez au téléphone les informations sur le périphérique : modèle, batterie, stockage, mémoire, réseau, applications et processus.
diag-request = Demander les diagnostics
diag-waiting = En attente de l'autorisation du client pour partager les informations sur le périphérique…
diag-refused = Les diagnostics ont été refusés : { $reason }.
diag-ask-again = Redemander
diag-filter = Filtrer
diag-filter-hint = p. ex. batterie
diag-copy = Copier
diag-export = Exporter en JSON
diag-refresh = ⟳ Actualiser
diag-received = Reçu à { $time }
diag-nothing = Aucune information.
diag-no-match = Aucun résultat pour ce filtre.

## Fichiers journaux

files-request = Demander les fichiers journaux
files-open-folder = Ouvrir le dossier
files-none = Aucun fichier pour l'instant. Le client donne son accord avant tout envoi.
files-progress = { $received } sur { $total }
files-verified = ✔ { $size } · SHA-256 vérifié

## Administration

admin-title = Administration
admin-reload = ⟳ Recharger
admin-portals = Portails
admin-policy-help = demander : le client approuve chaque demande · informer : autorisé, le client est prévenu · désactivé : jamais
admin-column-portal = Portail
admin-column-screen = Affichage de l'écran
admin-column-control = Contrôle
admin-column-diagnostics = Diagnostics
admin-column-logs = Fichiers journaux
admin-column-lifetime = Durée du code
admin-column-pending = Codes en attente
admin-column-requests = Demandes de discussion
admin-policy-ask = demander
admin-policy-notify = informer
admin-policy-off = désactivé
admin-minutes-suffix = { " " }min
admin-save = Enregistrer
admin-undo = Annuler
admin-new-portal = Nouveau portail
admin-name = Nom
admin-slug = Identifiant d'URL
admin-slug-hint = p. ex. magasins
admin-create-portal = Créer le portail
admin-records = Fiches de session
admin-recording-notice = Les clients sont informés que leur session est enregistrée sur ces portails :
admin-retention-loading = Chargement…
admin-retention-delete-after = Supprimer les fiches après
admin-days-value = { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }
admin-retention-now = Les fiches sont supprimées { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } après leur session.
admin-retention-forever = Les fiches sont conservées sans limite.
admin-accounts = Comptes
admin-column-name = Nom
admin-column-role = Rôle
admin-column-disabled = Désactivé
admin-role-technician = technicien
admin-role-lead = responsable
admin-role-admin = administrateur
admin-new-account = Nouveau compte
admin-password = Mot de passe
admin-password-hint = 8 caractères ou plus
admin-create-account = Créer le compte

## Paramètres

settings-title = Paramètres
settings-language = Langue
settings-language-system = Système ({ $language })
settings-theme = Thème
settings-theme-dark = Sombre
settings-theme-light = Clair
settings-downloads = Dossier de téléchargement
settings-server = Serveur
settings-server-hint = vide : lancer un serveur sur cet ordinateur
settings-fingerprint = Empreinte
settings-fingerprint-hint = SHA-256 du certificat du serveur
settings-reconnect-note = Changer de serveur entraîne une reconnexion ; les sessions en cours se terminent.
settings-save = Enregistrer

## Avis et erreurs

notice-copied-url = L'URL de connexion a été copiée dans le presse-papiers.
notice-copied-report = Le rapport a été copié dans le presse-papiers.
notice-open-failed-mail = Impossible d'ouvrir votre messagerie : { $reason }
notice-open-failed-folder = Impossible d'ouvrir le dossier : { $reason }
notice-folder-failed = Impossible de créer le dossier { $path } : { $reason }
notice-file-not-written = { $path } n'a pas pu être écrit : { $reason }
notice-server-failed = Le serveur n'a pas pu démarrer : { $reason }
notice-session-failed = Session { $code } : { $reason }
notice-local-failed = Le serveur local n'a pas pu démarrer : { $reason }
notice-code-created = Code { $code } créé.
notice-code-cancelled = Code { $code } annulé.
notice-portal-saved = Portail { $name } enregistré.
notice-retention-saved = Les fiches sont désormais conservées { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }.
notice-retention-forever = Les fiches sont désormais conservées sans limite.
notice-account-created = Compte { $name } créé.
notice-server-starting = Démarrage du serveur local…
error-server-not-url = l'adresse du serveur { $server } n'est pas une URL : { $reason }
error-server-scheme = l'adresse du serveur doit commencer par https://, et non { $scheme }://
error-bad-fingerprint = l'empreinte n'est pas valide : { $reason }

## E-mail d'invitation (dans la langue du technicien)

invite-subject = Votre session d'assistance à distance
invite-hello = Bonjour,
invite-hello-named = Bonjour { $name },
invite-body =
    Pour démarrer la session d'assistance, ouvrez ce lien sur votre téléphone Android :
    { $url }

    Si l'application Lifeline est déjà installée, vous pouvez aussi l'ouvrir et saisir ce code :
    { $code }

    Comment rejoindre la session :
    1. Ouvrez le lien (ou l'application) sur votre téléphone.
    2. Installez l'application Lifeline si cela vous est demandé.
    3. Saisissez votre nom et appuyez sur Rejoindre. Une discussion avec votre technicien s'affiche.
    4. Votre technicien vous demandera votre accord avant de voir ou de contrôler votre écran ; vous pouvez arrêter le partage à tout moment.

    Le code ne fonctionne qu'une fois et expire si personne ne se connecte à temps.

## Ligne d'état vidéo

video-summary = { $fps } i/s · RTT { $rtt } · { $rate } · { $stream }
video-ms = { $ms } ms
video-mbps = { $rate } Mbit/s
video-kbps = { $rate } kbit/s
video-stream = { $codec } { $size }
video-codec-tiles = tuiles
video-stream-landscape = { $codec } { $size } (paysage)
video-stream-upside-down = { $codec } { $size } (à l'envers)
video-none = pas de vidéo

## Événements de session dans la transcription

event-recorded = Cette session est enregistrée.
event-joined = { $name } a rejoint la session
event-joined-from = { $chat_only ->
    [yes] { $name } a rejoint la session depuis un { $make } { $model } (Android { $version }) ; ce téléphone ne peut pas partager son écran, la session se limite donc à la discussion
   *[no] { $name } a rejoint la session depuis un { $make } { $model } (Android { $version })
}
event-screen-stopped = L'écran s'est arrêté : { $reason }
event-file-received = { $name } reçu (SHA-256 vérifié), enregistré dans { $path }
event-file-failed = Un fichier n'a pas pu être reçu : { $reason }
event-saved = Enregistré : { $path }
event-customer-left = Le client a quitté la session.
event-connection-lost = La connexion du client a été perdue.
reason-session-ended = la session est terminée
reason-declined-diagnostics = le client a refusé de partager les informations sur le périphérique
event-asked = { $capability ->
    [screen] Affichage de l'écran demandé au client.
    [control] Contrôle à distance demandé au client.
    [diagnostics] Informations sur le périphérique demandées au client.
   *[logs] Fichiers journaux demandés au client.
}
event-asked-diagnostics = Informations sur le périphérique demandées.
event-asked-logs = Fichiers journaux demandés.
event-allowed = { $capability ->
    [screen] Le client a autorisé l'affichage de l'écran.
    [control] Le client a autorisé le contrôle à distance.
    [diagnostics] Le client a autorisé l'accès aux informations sur le périphérique.
   *[logs] Le client a autorisé l'envoi des fichiers journaux.
}
event-allowed-by-policy = { $capability ->
    [screen] Affichage de l'écran autorisé par la stratégie du portail ; le client a été prévenu.
    [control] Contrôle à distance autorisé par la stratégie du portail ; le client a été prévenu.
    [diagnostics] Accès aux informations sur le périphérique autorisé par la stratégie du portail ; le client a été prévenu.
   *[logs] Envoi des fichiers journaux autorisé par la stratégie du portail ; le client a été prévenu.
}
event-declined = { $capability ->
    [screen] Le client a refusé l'affichage de l'écran.
    [control] Le client a refusé le contrôle à distance.
    [diagnostics] Le client a refusé l'accès aux informations sur le périphérique.
   *[logs] Le client a refusé l'envoi des fichiers journaux.
}
event-withdrew = { $capability ->
    [screen] Le client a retiré l'autorisation d'affichage de l'écran.
    [control] Le client a retiré l'autorisation de contrôle à distance.
    [diagnostics] Le client a retiré l'accès aux informations sur le périphérique.
   *[logs] Le client a retiré l'autorisation d'envoi des fichiers journaux.
}
event-refused = Refusé : { $reason }.
event-paused = Le client a suspendu le partage d'écran.
event-resumed = Le client a repris le partage d'écran.
event-diagnostics-received = Informations sur le périphérique reçues.
event-file-offer = Le téléphone envoie { $name } ({ $size }).
event-ended-customer = Le client a mis fin à la session : { $reason }.
event-ended-technician = La session a été terminée : { $reason }.
event-ended-server = Le serveur a mis fin à la session : { $reason }.

## Diagnostics report

diag-group-device = Appareil
diag-group-battery = Batterie
diag-group-storage = Stockage
diag-group-memory = Mémoire
diag-group-cpu = Processeur
diag-group-display = Écran
diag-group-network = Réseau
diag-group-apps = Applications
diag-group-processes = Processus
diag-row-manufacturer = Fabricant
diag-row-model = Modèle
diag-row-android-version = Version d'Android
diag-row-api-level = Niveau d'API
diag-row-build = Build
diag-row-security-patch = Correctif de sécurité
diag-row-uptime = Temps de fonctionnement
diag-row-locale = Langue et région
diag-row-time-zone = Fuseau horaire
diag-row-level = Niveau
diag-row-charging = En charge
diag-row-health = État
diag-row-temperature = Température
diag-row-total = Total
diag-row-free = Libre
diag-row-available = Disponible
diag-row-abi = ABI
diag-row-cores = Cœurs
diag-row-resolution = Résolution
diag-row-density = Densité
diag-row-refresh-rate = Fréquence de rafraîchissement
diag-row-connection = Connexion
diag-row-wi-fi-network = Réseau Wi-Fi
diag-row-wi-fi-signal = Signal Wi-Fi
diag-row-ip-addresses = Adresses IP
diag-yes = oui
diag-no = non
diag-health-good = bon
diag-health-overheat = surchauffe
diag-health-dead = hors d'usage
diag-health-over-voltage = surtension
diag-health-failure = défaillance
diag-health-cold = trop froide
diag-health-unknown = inconnu
diag-network-cellular = données mobiles
diag-network-none = aucune
diag-network-other = autre
diag-uptime = { $hours } h { $minutes } min
diag-uptime-days = { $days } j { $hours } h { $minutes } min
size-b = { $size } o
size-kb = { $size } ko
size-mb = { $size } Mo
size-gb = { $size } Go
size-tb = { $size } To

## Sessions : les fiches des sessions passées

review-title = Sessions
review-search = Rechercher
review-search-hint = nom, identifiant ou texte de la discussion
review-technician = Technicien
review-portal = Portail
review-from = Du
review-to = Au
review-date-hint = AAAA-MM-JJ
review-any = tous
review-search-button = Rechercher
review-bad-from = « Du » doit être une date comme 2026-11-21
review-bad-to = « Au » doit être une date comme 2026-11-21
review-outcome-any = Tous les résultats
review-outcome-none = Sans bilan
outcome-resolved = Résolu
outcome-unresolved = Non résolu
outcome-follow-up = À suivre
review-opening = Ouverture de la fiche…
review-open-failed = La fiche n'a pas pu être ouverte : { $reason }
review-no-match = Aucune fiche de session ne correspond.
review-column-started = Début
review-column-customer = Client
review-column-identifier = Identifiant
review-column-technician = Technicien
review-column-portal = Portail
review-column-duration = Durée
review-column-outcome = Résultat
review-running = en cours
review-open = Ouvrir
review-open-tip = Session { $id } (code { $code })

## Sessions : une fiche ouverte

review-record-title = Session { $id } — { $technician } avec { $customer }
review-back = Retour aux Sessions
review-export-frame = Exporter l'image (PNG)
review-export-transcript = Exporter la transcription
review-missing-chunks = { $count ->
    [one] Une partie de cet enregistrement n'est jamais arrivée au serveur (bloc { $chunks }).
   *[other] Des parties de cet enregistrement ne sont jamais arrivées au serveur ({ $count } blocs : { $chunks }).
}
review-tab-chat = Discussion
review-tab-events = Événements
review-tab-diagnostics = Diagnostics
review-tab-files = Fichiers
review-tab-details = Détails
review-no-chat = Aucun message jusqu'à ce moment.
review-party-technician = Technicien
review-party-customer = Client
review-party-relay = Serveur
review-go-to = Aller à ce moment
review-no-diagnostics = Aucun diagnostic n'a été partagé pendant cette session.
review-report-at = Rapport de { $time }
review-no-files = Aucun fichier n'a été reçu pendant cette session.
review-files-note = Les fichiers sont conservés sur le serveur avec la fiche ; chaque téléchargement est vérifié par son SHA-256.
review-file-download = Télécharger
review-file-downloading = Téléchargement…
review-file-saved = Enregistré dans { $path }
review-file-failed = Non téléchargé : { $reason }
review-file-uploading = Sur le serveur : { $received } sur { $size }
review-file-not-kept = Non conservé sur le serveur
review-detail-technician = Technicien
review-detail-customer = Client
review-detail-identifier = Identifiant
review-detail-code = Code
review-detail-portal = Portail
review-detail-device = Appareil
review-detail-started = Début
review-detail-duration = Durée
review-detail-ended-by = Terminée par
review-ended-by-value = { $by } : { $reason }
review-detail-outcome = Résultat
review-detail-notes = Notes
review-detail-recording = Enregistrement
review-still-running = toujours en cours
review-no-wrapup = sans bilan
review-access-log = Journal des accès
review-access-opened = { $user } l'a ouverte le { $when }
review-access-downloaded = { $user } l'a téléchargée le { $when }
review-access-downloaded-file = { $user } a téléchargé { $file } le { $when }

## Sessions : le lecteur

review-play = Lecture
review-pause = Pause
review-speed = Vitesse
review-speed-value = { $speed }×
review-seek-hint = Cliquez ou faites glisser pour vous déplacer
review-timeline = Chronologie
review-no-screen = Pas d'écran à ce moment.
review-recorded-screen = Écran enregistré

## Sessions : les événements d'une fiche

review-event-code-created = Code { $code } créé
review-event-code-created-for = Code { $code } créé pour { $identifier }
review-event-chat = { $who } : { $text }
review-event-refused = { $capability ->
    [screen] Le téléphone a refusé l'affichage de l'écran : { $reason }
    [control] Le téléphone a refusé le contrôle à distance : { $reason }
    [diagnostics] Le téléphone a refusé les diagnostics : { $reason }
   *[logs] Le téléphone a refusé les fichiers journaux : { $reason }
}
review-event-file = Fichier { $name } ({ $size })
review-event-ended = La session s'est terminée : { $reason }.

## Bilan

wrapup-title = Bilan
wrapup-saved = Enregistré avec la fiche de session.
wrapup-notes = Notes
wrapup-notes-hint = Ce qui a été fait, ce qui reste à faire
wrapup-save = Enregistrer le bilan
wrapup-save-again = Enregistrer à nouveau

## Pourquoi quelque chose a échoué (une proposition : après deux-points, ou en début de ligne avec une majuscule)

problem-client-setup = la connexion sécurisée n'a pas pu être préparée : { $detail }
problem-unreachable = le serveur { $url } est injoignable : { $detail }
problem-certificate = le serveur { $url } n'a pas présenté le certificat attendu ; vérifiez l'empreinte du serveur dans les paramètres
problem-malformed = la réponse du serveur est illisible
problem-wrong-password = nom d'utilisateur ou mot de passe incorrect
problem-sign-in-expired = votre connexion a expiré ; reconnectez-vous
problem-account-disabled = ce compte est désactivé ; demandez à un administrateur de le réactiver
problem-too-many = trop de tentatives ; réessayez plus tard
problem-too-many-wait = trop de tentatives ; réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }
problem-forbidden = votre compte n'a pas le droit de faire cela
problem-not-found = cet élément n'existe plus sur le serveur
problem-name-taken = un compte porte déjà ce nom
problem-slug-taken = un portail utilise déjà cette adresse
problem-too-many-codes = vous avez déjà autant de codes en attente que ce portail le permet ; annulez-en un ou attendez qu'un code soit utilisé ou expire
problem-own-account = vous ne pouvez ni désactiver votre propre compte ni lui retirer le rôle d'administrateur
problem-conflict = le serveur a refusé la modification, car elle contredit son état actuel
problem-invalid = le serveur a refusé la demande comme non valide
problem-password-length = le mot de passe doit comporter au moins { $min } caractères
problem-name-empty = le nom est vide
problem-portal-incomplete = un nouveau portail a besoin d'un nom et d'une adresse
problem-slug-invalid = l'adresse d'un portail ne peut contenir que des minuscules, des chiffres et des tirets (ni au début ni à la fin), { $max } caractères au plus
problem-code-lifetime = la durée de validité d'un code doit être comprise entre 1 minute et 7 jours
problem-retention-range = les fiches sont conservées de 1 à { $max } jours, ou sans limite
problem-too-large = le serveur a refusé la demande : elle est trop volumineuse
problem-server-failed = le serveur n'a pas pu traiter la demande (HTTP { $status })
problem-refused = le serveur a refusé la demande (HTTP { $status })
problem-not-signed-in = connectez-vous d'abord
problem-demo-missing = le téléphone de démonstration n'a pas pu démarrer : { $program } est introuvable dans { $folder }. Compilez-le avec `cargo build -p lifeline-agent-android`, ou rejoignez le code depuis un téléphone
problem-demo-not-started = le téléphone de démonstration n'a pas pu démarrer : { $program } ne s'est pas lancé : { $detail }
problem-demo-left = le téléphone de démonstration a quitté la session
problem-demo-stopped = le téléphone de démonstration s'est arrêté ({ $status })
problem-demo-not-watched = le téléphone de démonstration ne peut pas être surveillé : { $detail }
problem-no-fingerprint = le lien du serveur ne contient pas d'empreinte de certificat ; indiquez-la dans les paramètres
problem-code-unknown = ce code de session n'existe pas
problem-code-expired = ce code de session a expiré ; créez-en un nouveau
problem-code-used = ce code de session a déjà été utilisé ; créez-en un nouveau
problem-version = le serveur utilise une autre version du protocole (version { $version }) ; mettez la console à jour
problem-code-not-yours = vous n'êtes pas connecté, ou ce code appartient à quelqu'un d'autre
problem-connect-failed = le serveur est injoignable : { $detail }
problem-code-withdrawn = le code a été retiré
problem-server-shutdown = le serveur s'arrête
problem-you-ended = vous avez mis fin à la session
problem-relay-ended = le serveur a mis fin à la session
problem-connection-lost = la connexion a été perdue
problem-connection-lost-detail = la connexion a été perdue ({ $detail })
problem-not-connected = la session n'est pas connectée
problem-queue-full = trop de messages sont en attente
problem-bad-link = le lien du serveur pour le code { $code } est inutilisable : { $detail }
problem-decoder = l'écran du téléphone n'a pas pu être décodé : { $detail }
problem-folder-not-created = le dossier { $path } n'a pas pu être créé : { $detail }
problem-not-written = { $path } n'a pas pu être écrit : { $detail }
problem-not-saved = { $path } n'a pas pu être enregistré : { $detail }
problem-checksum = le SHA-256 du contenu ne correspond pas à celui annoncé ; rien n'a été enregistré
problem-transfer-broken = le transfert s'est interrompu : { $detail }
problem-screenshot = la capture d'écran n'a pas pu être encodée : { $detail }
problem-recording = l'enregistrement ne peut pas être lu : { $detail }
problem-busy = la console est occupée ; réessayez dans un instant
problem-network-stopped = la partie réseau de la console s'est arrêtée ; redémarrez la console
problem-network-not-started = la partie réseau de la console n'a pas pu démarrer : { $detail }

## Pourquoi une session s'est terminée, selon le téléphone ou le serveur (après deux-points)

end-reason-customer-left = le client a quitté la session
end-reason-technician-closed = le technicien a mis fin à la session
end-reason-connection-lost = la connexion a été perdue
end-reason-timeout = l'autre côté ne répond plus
end-reason-relay-shutdown = le serveur s'est arrêté
end-reason-error = une erreur s'est produite : { $detail }
end-reason-customer-ended = le client a mis fin à la session
end-reason-customer-dropped = la connexion du client a été coupée
end-reason-customer-lost = la connexion du client a été perdue : { $detail }
end-reason-technician-lost = la connexion du technicien a été perdue : { $detail }
