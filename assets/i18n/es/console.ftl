# Consola del técnico.
#
# Glosario (mismos términos en todas las ventanas y en todos los idiomas):
#   Code Management = Gestión de códigos
#   session code    = código de sesión («código» para abreviar)
#   portal          = portal; portal request = solicitud desde el portal
#   session         = sesión
#   Diagnostics     = Diagnóstico (informe de información del dispositivo)
#   log files       = archivos de registro
#   softkeys        = teclas de navegación (Atrás, Inicio, Recientes)
#   screen view     = ver la pantalla; control = control remoto
#   Sessions        = Sesiones (la ventana de las fichas de sesión)
#   record          = ficha de sesión («ficha» para abreviar)
#   wrap-up         = cierre (resultado y notas al terminar la sesión)
#   Lifeline        = nombre del producto, nunca se traduce
# Registro: usted.

## Encabezado

header-subtitle = consola del técnico
console-window-title = Consola de Lifeline
header-settings = Configuración
header-theme-light = Cambiar al tema claro
header-theme-dark = Cambiar al tema oscuro
header-sign-out = Cerrar sesión
header-code-management = Gestión de códigos
header-admin = Administración
header-sessions = Sesiones
header-sessions-tip = Fichas de las sesiones anteriores
header-admin-tip = Portales y cuentas
header-close-tab = Cerrar esta pestaña
header-demo-joining = El teléfono de demostración se está conectando…
header-demo-unavailable = Teléfono de demostración no disponible
header-local-server = Servidor local
header-status-starting = iniciando…
header-status-signed-out = sesión cerrada
header-status-signing-in = iniciando sesión…
header-status-online = en línea
header-status-unreachable = inaccesible
header-status-failed = con errores
header-certificate = certificado { $fingerprint }

## Inicio de sesión

login-title = Iniciar sesión
login-subtitle = en su servidor Lifeline
login-server = Servidor
login-fingerprint = Huella digital
login-fingerprint-hint = SHA-256 de un certificado autofirmado
login-user = Nombre de usuario
login-password = Contraseña
login-submit = Iniciar sesión
login-use-local = Usar un servidor local
login-use-local-tip = Ejecuta un servidor en este equipo; los clientes de otras redes no podrán acceder a él

## Gestión de códigos

codes-refresh = ⟳ Actualizar
codes-new = Nuevo código de sesión
codes-identifier = Identificador
codes-identifier-hint = nombre del cliente (opcional)
codes-portal = Portal
codes-default-portal = Predeterminado
codes-create = Crear código
codes-yours = Sus códigos
codes-none = Todavía no hay códigos. Cree uno y envíelo a su cliente.
codes-column-code = Código
codes-column-identifier = Identificador
codes-column-portal = Portal
codes-column-state = Estado
codes-column-expires = Caduca en
codes-state-pending = pendiente
codes-state-active = en sesión
codes-state-expired = caducado
codes-state-cancelled = cancelado
codes-state-ended = finalizado
codes-waiting-customer = esperando al cliente
codes-chat-only = solo chat
codes-copy-url = Copiar URL
codes-send-email = Enviar código por correo
codes-send-email-tip = Abre su cliente de correo con el enlace, el código y las instrucciones para unirse
codes-cancel = Cancelar
codes-open-session = Abrir sesión
codes-requests = Solicitudes desde el portal
codes-no-requests = Ningún cliente espera en un portal.
codes-request-expires = solo chat · caduca en { $left }
codes-accept = Aceptar

## Una sesión

session-tab-chat = Chat
session-tab-diagnostics = Diagnóstico
session-tab-files = Archivos
session-device = { $make } { $model } · Android { $version }
session-code = código { $code }
session-connecting = conectando…
session-waiting = esperando al cliente
session-live = en directo
session-recorded = ⏺ grabada
session-asking = { $label } (solicitando…)
session-request-screen = Solicitar ver la pantalla
session-request-control = Solicitar el control
session-resume-view = Reanudar la vista
session-pause-view = Pausar la vista
session-screenshot = Captura de pantalla
session-screenshot-tip = Guardar la pantalla actual como PNG en la carpeta de la sesión
session-quality = Calidad
session-fps = { $fps } fps
session-get-diagnostics = Obtener diagnóstico
session-get-logs = Obtener archivos de registro
session-close-tab = Cerrar pestaña
session-end = Finalizar sesión
session-back = ◀ Atrás
session-back-tip = Botón Atrás de Android (o clic derecho en la pantalla)
session-home = 🏠 Inicio
session-home-tip = Botón Inicio de Android (o clic central en la pantalla)
session-recents = ■ Recientes
session-recents-tip = Aplicaciones recientes de Android
session-control-first = Solicite primero el control
session-zoom-fit = Ajustar
session-over = La sesión ha finalizado
session-customer-paused = El cliente pausó la pantalla compartida
session-view-paused = Vista en pausa
session-view-withdrawn = Se retiró el permiso para ver la pantalla
session-first-frame = Esperando la primera imagen…
session-asking-screen = Esperando a que el cliente permita ver la pantalla…
session-no-screen = Este teléfono no puede compartir su pantalla.
session-screen-off = La vista de pantalla está desactivada para este portal.
session-screen-declined = El cliente rechazó que se vea la pantalla.
session-screen-stopped = El cliente dejó de compartir la pantalla.
session-screen-refused = Vista de pantalla rechazada: { $reason }
session-screen-hint = Use «Solicitar ver la pantalla» para ver la pantalla del teléfono.
session-end-title = ¿Finalizar la sesión?
session-end-body = Se informará a { $who } de que la sesión ha finalizado. La transcripción se conserva aquí.
session-end-now = Finalizar ahora
session-keep-going = Continuar
session-chat-only =
    Este teléfono no puede compartir su pantalla, así que esta sesión es solo de chat:
    el chat, el diagnóstico y los archivos de registro están disponibles a la derecha.
capability-screen = Ver pantalla
capability-control = Control remoto
capability-diagnostics = Diagnóstico
capability-logs = Archivos de registro
session-consent-tip = { $label }: { $state }
consent-state-not-asked = no solicitado
consent-state-asking = esperando al cliente
consent-state-granted = permitido
consent-state-by-policy = permitido por la política del portal
consent-state-denied = rechazado
consent-state-revoked = retirado
consent-state-off = desactivado para este portal
consent-state-unsupported = no compatible con este teléfono
consent-state-refused = rechazado: { $reason }

## Chat

chat-message = Mensaje
chat-hint = Escriba un mensaje
chat-not-live = La sesión no está en curso
chat-send = Enviar
chat-you = Usted
chat-sending = enviando…
chat-sent = enviado
chat-delivered = entregado
chat-not-sent = no enviado
chat-customer = Cliente

## Diagnóstico

diag-intro = Solicite al teléfono la información del dispositivo: modelo, batería, almacenamiento, memoria, red, aplicaciones y procesos.
diag-request = Solicitar diagnóstico
diag-waiting = Esperando a que el cliente permita compartir la información del dispositivo…
diag-refused = Se rechazó el diagnóstico: { $reason }.
diag-ask-again = Volver a solicitar
diag-filter = Filtrar
diag-filter-hint = p. ej., batería
diag-copy = Copiar
diag-export = Exportar JSON
diag-refresh = ⟳ Actualizar
diag-received = Recibido a las { $time }
diag-nothing = No se ha informado nada.
diag-no-match = Nada coincide con el filtro.

## Archivos de registro

files-request = Solicitar archivos de registro
files-open-folder = Abrir carpeta
files-none = Todavía no hay archivos. Se pide permiso al cliente antes de enviar cualquier archivo.
files-progress = { $received } de { $total }
files-verified = ✔ { $size } · SHA-256 verificado

## Administración

admin-title = Administración
admin-reload = ⟳ Recargar
admin-portals = Portales
admin-policy-help = preguntar: el cliente aprueba cada solicitud · notificar: permitido, se avisa al cliente · desactivado: nunca
admin-column-portal = Portal
admin-column-screen = Ver pantalla
admin-column-control = Control
admin-column-diagnostics = Diagnóstico
admin-column-logs = Archivos de registro
admin-column-lifetime = Vigencia del código
admin-column-pending = Códigos pendientes
admin-column-requests = Solicitudes de chat
admin-policy-ask = preguntar
admin-policy-notify = notificar
admin-policy-off = desactivado
admin-minutes-suffix = { " " }min
admin-save = Guardar
admin-undo = Deshacer
admin-new-portal = Nuevo portal
admin-name = Nombre
admin-slug = Identificador de URL
admin-slug-hint = p. ej., tiendas
admin-create-portal = Crear portal
admin-records = Fichas de sesión
admin-recording-notice = Se informa a los clientes de que su sesión se graba en estos portales:
admin-retention-loading = Cargando…
admin-retention-delete-after = Eliminar las fichas después de
admin-days-value = { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
admin-retention-now = Las fichas se eliminan { $days ->
        [one] { $days } día
       *[other] { $days } días
    } después de su sesión.
admin-retention-forever = Las fichas se conservan para siempre.
admin-accounts = Cuentas
admin-column-name = Nombre
admin-column-role = Rol
admin-column-disabled = Desactivada
admin-role-technician = técnico
admin-role-lead = supervisor
admin-role-admin = administrador
admin-new-account = Nueva cuenta
admin-password = Contraseña
admin-password-hint = 8 caracteres o más
admin-create-account = Crear cuenta

## Configuración

settings-title = Configuración
settings-language = Idioma
settings-language-system = Sistema ({ $language })
settings-theme = Tema
settings-theme-dark = Oscuro
settings-theme-light = Claro
settings-downloads = Carpeta de descargas
settings-server = Servidor
settings-server-hint = vacío: ejecutar un servidor en este equipo
settings-fingerprint = Huella digital
settings-fingerprint-hint = SHA-256 del certificado del servidor
settings-reconnect-note = Al cambiar de servidor se vuelve a conectar; las sesiones en curso finalizan.
settings-save = Guardar

## Avisos y errores

notice-copied-url = Se copió la URL de acceso al portapapeles.
notice-copied-report = Se copió el informe al portapapeles.
notice-open-failed-mail = No se pudo abrir su cliente de correo: { $reason }
notice-open-failed-folder = No se pudo abrir la carpeta: { $reason }
notice-folder-failed = No se pudo crear la carpeta { $path }: { $reason }
notice-file-not-written = No se pudo escribir { $path }: { $reason }
notice-server-failed = No se pudo iniciar el servidor: { $reason }
notice-session-failed = Sesión { $code }: { $reason }
notice-local-failed = No se pudo iniciar el servidor local: { $reason }
notice-code-created = Código { $code } creado.
notice-code-cancelled = Código { $code } cancelado.
notice-portal-saved = Portal { $name } guardado.
notice-retention-saved = Las fichas se conservan ahora { $days ->
        [one] { $days } día
       *[other] { $days } días
    }.
notice-retention-forever = Las fichas se conservan ahora para siempre.
notice-account-created = Cuenta { $name } creada.
notice-server-starting = Iniciando el servidor local…
error-server-not-url = la dirección del servidor { $server } no es una URL: { $reason }
error-server-scheme = la dirección del servidor debe empezar por https://, no por { $scheme }://
error-bad-fingerprint = la huella digital no es válida: { $reason }

## Correo de invitación (en el idioma del técnico)

invite-subject = Su sesión de soporte remoto
invite-hello = Hola:
invite-hello-named = Hola, { $name }:
invite-body =
    Para iniciar la sesión de soporte, abra este enlace en su teléfono Android:
    { $url }

    Si ya tiene instalada la aplicación Lifeline, también puede abrirla e introducir este código:
    { $code }

    Cómo unirse:
    1. Abra el enlace (o la aplicación) en su teléfono.
    2. Instale la aplicación Lifeline si se le solicita.
    3. Introduzca su nombre y toque Unirse. Verá un chat con su técnico.
    4. Su técnico le pedirá permiso antes de ver o controlar su pantalla; puede dejar de compartirla en cualquier momento.

    El código funciona una sola vez y caduca si nadie se une a tiempo.

## Línea de estado del vídeo

video-summary = { $fps } fps · RTT { $rtt } · { $rate } · { $stream }
video-ms = { $ms } ms
video-mbps = { $rate } Mbit/s
video-kbps = { $rate } kbit/s
video-stream = { $codec } { $size }
video-codec-tiles = mosaicos
video-stream-landscape = { $codec } { $size } (horizontal)
video-stream-upside-down = { $codec } { $size } (invertida)
video-none = sin vídeo

## Eventos de la sesión en la transcripción

event-recorded = Esta sesión se graba.
event-joined = { $name } se unió
event-joined-from = { $chat_only ->
    [yes] { $name } se unió desde un { $make } { $model } (Android { $version }); este teléfono no puede compartir su pantalla, así que la sesión es solo de chat
   *[no] { $name } se unió desde un { $make } { $model } (Android { $version })
}
event-screen-stopped = La pantalla se detuvo: { $reason }
event-file-received = Se recibió { $name } (SHA-256 verificado) y se guardó en { $path }
event-file-failed = No se pudo recibir un archivo: { $reason }
event-saved = Guardado: { $path }
event-customer-left = El cliente salió de la sesión.
event-connection-lost = Se perdió la conexión del cliente.
reason-session-ended = la sesión finalizó
reason-declined-diagnostics = el cliente no aceptó compartir la información del dispositivo
event-asked = { $capability ->
    [screen] Se solicitó al cliente ver la pantalla.
    [control] Se solicitó al cliente el control remoto.
    [diagnostics] Se solicitó al cliente la información del dispositivo.
   *[logs] Se solicitaron al cliente los archivos de registro.
}
event-asked-diagnostics = Se solicitó la información del dispositivo.
event-asked-logs = Se solicitaron los archivos de registro.
event-allowed = { $capability ->
    [screen] El cliente permitió ver la pantalla.
    [control] El cliente permitió el control remoto.
    [diagnostics] El cliente permitió consultar la información del dispositivo.
   *[logs] El cliente permitió enviar los archivos de registro.
}
event-allowed-by-policy = { $capability ->
    [screen] Ver la pantalla está permitido por la política del portal; se avisó al cliente.
    [control] El control remoto está permitido por la política del portal; se avisó al cliente.
    [diagnostics] Consultar la información del dispositivo está permitido por la política del portal; se avisó al cliente.
   *[logs] Enviar los archivos de registro está permitido por la política del portal; se avisó al cliente.
}
event-declined = { $capability ->
    [screen] El cliente rechazó que se vea la pantalla.
    [control] El cliente rechazó el control remoto.
    [diagnostics] El cliente rechazó compartir la información del dispositivo.
   *[logs] El cliente rechazó enviar los archivos de registro.
}
event-withdrew = { $capability ->
    [screen] El cliente retiró el permiso para ver la pantalla.
    [control] El cliente retiró el permiso de control remoto.
    [diagnostics] El cliente retiró el permiso para consultar la información del dispositivo.
   *[logs] El cliente retiró el permiso para enviar los archivos de registro.
}
event-refused = Rechazado: { $reason }.
event-paused = El cliente pausó la pantalla compartida.
event-resumed = El cliente reanudó la pantalla compartida.
event-diagnostics-received = Se recibió la información del dispositivo.
event-file-offer = El teléfono está enviando { $name } ({ $size }).
event-ended-customer = El cliente finalizó la sesión: { $reason }.
event-ended-technician = Se finalizó la sesión: { $reason }.
event-ended-server = El servidor finalizó la sesión: { $reason }.

## Diagnostics report

diag-group-device = Dispositivo
diag-group-battery = Batería
diag-group-storage = Almacenamiento
diag-group-memory = Memoria
diag-group-cpu = CPU
diag-group-display = Pantalla
diag-group-network = Red
diag-group-apps = Aplicaciones
diag-group-processes = Procesos
diag-row-manufacturer = Fabricante
diag-row-model = Modelo
diag-row-android-version = Versión de Android
diag-row-api-level = Nivel de API
diag-row-build = Compilación
diag-row-security-patch = Parche de seguridad
diag-row-uptime = Tiempo de actividad
diag-row-locale = Idioma y región
diag-row-time-zone = Zona horaria
diag-row-level = Nivel
diag-row-charging = Cargando
diag-row-health = Estado
diag-row-temperature = Temperatura
diag-row-total = Total
diag-row-free = Libre
diag-row-available = Disponible
diag-row-abi = ABI
diag-row-cores = Núcleos
diag-row-resolution = Resolución
diag-row-density = Densidad
diag-row-refresh-rate = Frecuencia de actualización
diag-row-connection = Conexión
diag-row-wi-fi-network = Red Wi-Fi
diag-row-wi-fi-signal = Señal Wi-Fi
diag-row-ip-addresses = Direcciones IP
diag-yes = sí
diag-no = no
diag-health-good = buena
diag-health-overheat = sobrecalentada
diag-health-dead = agotada
diag-health-over-voltage = sobretensión
diag-health-failure = averiada
diag-health-cold = demasiado fría
diag-health-unknown = desconocido
diag-network-cellular = datos móviles
diag-network-none = ninguna
diag-network-other = otra
diag-uptime = { $hours } h { $minutes } min
diag-uptime-days = { $days } d { $hours } h { $minutes } min
size-b = { $size } B
size-kb = { $size } kB
size-mb = { $size } MB
size-gb = { $size } GB
size-tb = { $size } TB

## Sesiones: las fichas de las sesiones anteriores

review-title = Sesiones
review-search = Buscar
review-search-hint = nombre, identificador o mensaje
review-technician = Técnico
review-portal = Portal
review-from = Desde
review-to = Hasta
review-date-hint = AAAA-MM-DD
review-any = todos
review-search-button = Buscar
review-bad-from = «Desde» debe ser una fecha como 2026-11-21
review-bad-to = «Hasta» debe ser una fecha como 2026-11-21
review-outcome-any = Cualquier resultado
review-outcome-none = Sin cierre
outcome-resolved = Resuelto
outcome-unresolved = No resuelto
outcome-follow-up = Seguimiento
review-opening = Abriendo la ficha…
review-open-failed = No se pudo abrir la ficha: { $reason }
review-no-match = Ninguna ficha de sesión coincide.
review-column-started = Inicio
review-column-customer = Cliente
review-column-identifier = Identificador
review-column-technician = Técnico
review-column-portal = Portal
review-column-duration = Duración
review-column-outcome = Resultado
review-running = en curso
review-open = Abrir
review-open-tip = Sesión { $id } (código { $code })

## Sesiones: una ficha abierta

review-record-title = Sesión { $id } — { $technician } con { $customer }
review-back = Volver a Sesiones
review-export-frame = Exportar imagen (PNG)
review-export-transcript = Exportar transcripción
review-missing-chunks = { $count ->
    [one] Una parte de esta grabación nunca llegó al servidor (bloque { $chunks }).
   *[other] Algunas partes de esta grabación nunca llegaron al servidor ({ $count } bloques: { $chunks }).
}
review-tab-chat = Chat
review-tab-events = Eventos
review-tab-diagnostics = Diagnóstico
review-tab-files = Archivos
review-tab-details = Detalles
review-no-chat = No hay mensajes hasta este momento.
review-party-technician = Técnico
review-party-customer = Cliente
review-party-relay = Servidor
review-go-to = Ir a este momento
review-no-diagnostics = No se compartió ningún diagnóstico en esta sesión.
review-report-at = Informe de las { $time }
review-no-files = No se recibió ningún archivo en esta sesión.
review-files-note = Los archivos se conservan en el servidor con la ficha; cada descarga se comprueba con su SHA-256.
review-file-download = Descargar
review-file-downloading = Descargando…
review-file-saved = Guardado en { $path }
review-file-failed = No descargado: { $reason }
review-file-uploading = En el servidor: { $received } de { $size }
review-file-not-kept = No se conserva en el servidor
review-detail-technician = Técnico
review-detail-customer = Cliente
review-detail-identifier = Identificador
review-detail-code = Código
review-detail-portal = Portal
review-detail-device = Dispositivo
review-detail-started = Inicio
review-detail-duration = Duración
review-detail-ended-by = Finalizada por
review-ended-by-value = { $by }: { $reason }
review-detail-outcome = Resultado
review-detail-notes = Notas
review-detail-recording = Grabación
review-still-running = todavía en curso
review-no-wrapup = sin cierre
review-access-log = Registro de accesos
review-access-opened = { $user } la abrió el { $when }
review-access-downloaded = { $user } la descargó el { $when }
review-access-downloaded-file = { $user } descargó { $file } el { $when }

## Sesiones: el reproductor

review-play = Reproducir
review-pause = Pausa
review-speed = Velocidad
review-speed-value = { $speed }×
review-seek-hint = Haga clic o arrastre para desplazarse
review-timeline = Línea de tiempo
review-no-screen = No hay pantalla en este momento.
review-recorded-screen = Pantalla grabada

## Sesiones: los eventos de una ficha

review-event-code-created = Código { $code } creado
review-event-code-created-for = Código { $code } creado para { $identifier }
review-event-chat = { $who }: { $text }
review-event-refused = { $capability ->
    [screen] El teléfono rechazó ver la pantalla: { $reason }
    [control] El teléfono rechazó el control remoto: { $reason }
    [diagnostics] El teléfono rechazó el diagnóstico: { $reason }
   *[logs] El teléfono rechazó los archivos de registro: { $reason }
}
review-event-file = Archivo { $name } ({ $size })
review-event-ended = La sesión terminó: { $reason }.

## Cierre

wrapup-title = Cierre
wrapup-saved = Guardado con la ficha de sesión.
wrapup-notes = Notas
wrapup-notes-hint = Qué se hizo, qué queda pendiente
wrapup-save = Guardar cierre
wrapup-save-again = Guardar de nuevo

## Por qué algo falló (una oración: sigue a dos puntos, o empieza una línea con mayúscula)

problem-client-setup = no se pudo preparar la conexión segura: { $detail }
problem-unreachable = no se puede contactar con el servidor { $url }: { $detail }
problem-certificate = el servidor { $url } no presentó el certificado esperado; compruebe la huella del servidor en los ajustes
problem-malformed = no se pudo leer la respuesta del servidor
problem-wrong-password = nombre de usuario o contraseña incorrectos
problem-sign-in-expired = su sesión de usuario ha caducado; vuelva a iniciar sesión
problem-account-disabled = esta cuenta está desactivada; pida a un administrador que la active
problem-too-many = demasiados intentos; inténtelo más tarde
problem-too-many-wait = demasiados intentos; inténtelo de nuevo en { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
problem-forbidden = su cuenta no tiene permiso para hacer esto
problem-not-found = este elemento ya no existe en el servidor
problem-name-taken = ya existe una cuenta con este nombre
problem-slug-taken = ya existe un portal con esta dirección
problem-too-many-codes = ya tiene tantos códigos pendientes como permite este portal; cancele uno o espere a que se use o caduque
problem-own-account = no puede desactivar su propia cuenta ni quitarle el rol de administrador
problem-conflict = el servidor rechazó el cambio porque contradice su estado actual
problem-invalid = el servidor rechazó la solicitud por no ser válida
problem-password-length = la contraseña debe tener al menos { $min } caracteres
problem-name-empty = el nombre está vacío
problem-portal-incomplete = un portal nuevo necesita un nombre y una dirección
problem-slug-invalid = la dirección de un portal solo puede contener minúsculas, cifras y guiones (ni al principio ni al final), { $max } caracteres como máximo
problem-code-lifetime = la validez de un código debe estar entre 1 minuto y 7 días
problem-retention-range = las fichas se conservan de 1 a { $max } días, o sin límite
problem-too-large = el servidor rechazó la solicitud: es demasiado grande
problem-server-failed = el servidor no pudo procesar la solicitud (HTTP { $status })
problem-refused = el servidor rechazó la solicitud (HTTP { $status })
problem-not-signed-in = inicie sesión primero
problem-demo-missing = el teléfono de demostración no pudo iniciarse: no se encontró { $program } en { $folder }. Compílelo con `cargo build -p lifeline-agent-android`, o únase al código desde un teléfono
problem-demo-not-started = el teléfono de demostración no pudo iniciarse: { $program } no se ejecutó: { $detail }
problem-demo-left = el teléfono de demostración salió de la sesión
problem-demo-stopped = el teléfono de demostración se detuvo ({ $status })
problem-demo-not-watched = no se puede vigilar el teléfono de demostración: { $detail }
problem-no-fingerprint = el enlace del servidor no incluye la huella del certificado; indíquela en los ajustes
problem-code-unknown = este código de sesión no existe
problem-code-expired = este código de sesión ha caducado; cree uno nuevo
problem-code-used = este código de sesión ya se usó; cree uno nuevo
problem-version = el servidor usa otra versión del protocolo (versión { $version }); actualice la consola
problem-code-not-yours = no ha iniciado sesión, o este código pertenece a otra persona
problem-connect-failed = no se puede contactar con el servidor: { $detail }
problem-code-withdrawn = el código fue retirado
problem-server-shutdown = el servidor se está apagando
problem-you-ended = usted finalizó la sesión
problem-relay-ended = el servidor finalizó la sesión
problem-connection-lost = se perdió la conexión
problem-connection-lost-detail = se perdió la conexión ({ $detail })
problem-not-connected = la sesión no está conectada
problem-queue-full = hay demasiados mensajes en espera
problem-bad-link = el enlace del servidor para el código { $code } no se puede usar: { $detail }
problem-decoder = no se pudo decodificar la pantalla del teléfono: { $detail }
problem-folder-not-created = no se pudo crear la carpeta { $path }: { $detail }
problem-not-written = no se pudo escribir { $path }: { $detail }
problem-not-saved = no se pudo guardar { $path }: { $detail }
problem-checksum = el SHA-256 del contenido no coincide con el anunciado; no se guardó nada
problem-transfer-broken = la transferencia se interrumpió: { $detail }
problem-screenshot = no se pudo codificar la captura de pantalla: { $detail }
problem-recording = no se puede reproducir la grabación: { $detail }
problem-busy = la consola está ocupada; inténtelo de nuevo en un momento
problem-network-stopped = la parte de red de la consola se detuvo; reinicie la consola
problem-network-not-started = la parte de red de la consola no pudo iniciarse: { $detail }

## Por qué terminó una sesión, según el teléfono o el servidor (sigue a dos puntos)

end-reason-customer-left = el cliente salió de la sesión
end-reason-technician-closed = el técnico finalizó la sesión
end-reason-connection-lost = se perdió la conexión
end-reason-timeout = el otro lado dejó de responder
end-reason-relay-shutdown = el servidor se apagó
end-reason-error = se produjo un error: { $detail }
end-reason-customer-ended = el cliente finalizó la sesión
end-reason-customer-dropped = se cortó la conexión del cliente
end-reason-customer-lost = se perdió la conexión del cliente: { $detail }
end-reason-technician-lost = se perdió la conexión del técnico: { $detail }
