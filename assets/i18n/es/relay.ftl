# Páginas web del relé: la página para unirse a una sesión y la página del portal de clientes.
#
# Glosario (mismos términos en todos los archivos):
#   session code = código de sesión (los 9 dígitos que da el técnico)
#   portal       = portal (página de soporte donde el cliente pide ayuda)
#   technician   = técnico
#   Lifeline     = nombre del producto, nunca se traduce
# Registro: usted.

relay-page-suffix = Lifeline
relay-language-switch = Idioma

relay-unknown-code-title = Código de sesión desconocido
relay-unknown-code-body = No hay ninguna sesión con este código. Compruebe el enlace o los dígitos que le dio su técnico.
relay-expired-title = Este código ha caducado
relay-expired-body = Los códigos de sesión solo son válidos durante un tiempo limitado. Pida uno nuevo a su técnico.
relay-cancelled-title = Este código se ha cancelado
relay-cancelled-body = Su técnico retiró este código. Pídale uno nuevo si todavía necesita ayuda.
relay-used-title = Este código ya se ha utilizado
relay-used-body = Cada código de sesión funciona una sola vez. Pida uno nuevo a su técnico.
relay-too-many-title = Demasiados intentos
relay-too-many-body = { $seconds ->
    [one] Demasiados intentos desde su red. Vuelva a intentarlo dentro de { $seconds } segundo.
   *[other] Demasiados intentos desde su red. Vuelva a intentarlo dentro de { $seconds } segundos.
}

relay-join-title = Únase a su sesión de soporte
relay-join-hello = Hola, { $name }:
relay-join-code-label = Su código de sesión:
relay-join-code-aria = código de sesión
relay-join-open-app = Abrir Lifeline
relay-join-no-app = ¿Aún no tiene la aplicación? { $link }, vuelva después a esta página, o abra la aplicación y escriba el código de arriba.
relay-join-get-app = Descargue Lifeline en Google Play
relay-join-expires = { $minutes ->
    [0] El código caduca en aproximadamente un minuto.
    [one] El código caduca en aproximadamente un minuto.
   *[other] El código caduca en { $minutes } minutos.
}
relay-join-expires-hours = { $hours ->
    [one] El código caduca en { $hours } hora.
   *[other] El código caduca en { $hours } horas.
}
relay-join-chat-only = Es una sesión de chat: su pantalla no se comparte.

relay-portal-not-found-title = Página no encontrada
relay-portal-not-found-body = No hay ningún portal de soporte en esta dirección.
relay-portal-closed-body = Este portal de soporte no acepta solicitudes en línea. Póngase en contacto directamente con el soporte.
relay-portal-intro = Díganos quién es y qué le ocurre. Recibirá un código de sesión y un técnico chateará con usted en la aplicación Lifeline.
relay-portal-name = Su nombre
relay-portal-problem = ¿Con qué necesita ayuda?
relay-portal-submit = Pedir ayuda
relay-request-failed-title = No hemos podido registrar su solicitud
relay-request-failed-body = Compruebe su nombre y la descripción de su problema y vuelva a intentarlo.
