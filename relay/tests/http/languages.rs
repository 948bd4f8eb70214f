//! The customer's pages speak the browser's language (`Accept-Language`), or the one picked
//! with the pages' language switch (`?lang=`); the JSON API's errors stay English.

use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;

/// GET `path` with `Accept-Language: accept`: status, Content-Language and the page.
async fn page_in(t: &TestRelay, path: &str, accept: &str) -> (StatusCode, String, String) {
    let response = t
        .client
        .get(t.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let language = response.headers()["content-language"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(response.headers()["vary"], "Accept-Language");
    (status, language, response.text().await.unwrap())
}

async fn new_code(t: &TestRelay) -> String {
    let token = t.user("tech", UserRole::Technician).await;
    t.post("/api/codes", &token, json!({})).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_join_page_follows_accept_language() {
    let t = TestRelay::start().await;
    let code = new_code(&t).await;
    let path = format!("/join/{code}");

    let (status, language, html) = page_in(&t, &path, "fr-FR,fr;q=0.9,en;q=0.8").await;
    assert_eq!((status, language.as_str()), (StatusCode::OK, "fr"));
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains("Rejoindre votre session d&#39;assistance"),
        "{html}"
    );
    assert!(html.contains("Ouvrir Lifeline"), "{html}");
    assert!(html.contains("Le code expire dans 20 minutes."), "{html}");
    // One sentence around the store link, in the translation's word order.
    assert!(
        html.contains("l&#39;application ? <a href=\"https://"),
        "{html}"
    );
    assert!(
        html.contains("Téléchargez Lifeline sur Google Play</a>, puis revenez"),
        "{html}"
    );
    assert!(!html.contains('\u{E000}'), "{html}");
    assert!(!html.contains("Join your support session"), "{html}");

    let (_, language, html) = page_in(&t, &path, "de-DE,es;q=0.7,en;q=0.3").await;
    assert_eq!(language, "es");
    assert!(html.contains("Únase a su sesión de soporte"), "{html}");
    assert!(html.contains("Abrir Lifeline"), "{html}");
    assert!(html.contains("El código caduca en 20 minutos."), "{html}");

    // Nothing we speak, or no header at all: English.
    let (_, language, html) = page_in(&t, &path, "ja-JP,de;q=0.5").await;
    assert_eq!(language, "en");
    assert!(html.contains("Join your support session"), "{html}");
    let (_, html) = t.page(&path).await;
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    // A malformed header is no reason to fail the page.
    let (status, language, _) = page_in(&t, &path, ";;q=abc,,fr;q=9").await;
    assert_eq!((status, language.as_str()), (StatusCode::OK, "en"));
}

#[tokio::test]
async fn the_language_switch_links_each_language_and_wins_over_the_browser() {
    let t = TestRelay::start().await;
    let code = new_code(&t).await;
    let path = format!("/join/{code}");

    let (_, _, html) = page_in(&t, &path, "fr").await;
    assert!(html.contains("aria-label=\"Langue\""), "{html}");
    assert!(html.contains("href=\"?lang=en\""), "{html}");
    assert!(html.contains("href=\"?lang=es\""), "{html}");
    assert!(
        html.contains("aria-current=\"true\">Français</strong>"),
        "{html}"
    );

    let (_, language, html) = page_in(&t, &format!("{path}?lang=es"), "fr").await;
    assert_eq!(language, "es");
    assert!(html.contains("Únase a su sesión de soporte"), "{html}");
    let (_, language, _) = page_in(&t, &format!("{path}?lang=xx"), "fr").await;
    assert_eq!(
        language, "fr",
        "an unknown choice falls back to the browser's"
    );
}

#[tokio::test]
async fn error_pages_speak_the_customers_language() {
    let t = TestRelay::start().await;
    let (status, _, html) = page_in(&t, "/join/000000000", "es-MX").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Código de sesión desconocido"), "{html}");
    let (status, _, html) = page_in(&t, "/portal/nope", "fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page introuvable"), "{html}");

    let token = t.user("tech", UserRole::Technician).await;
    let code = t.post("/api/codes", &token, json!({})).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    t.call(
        Method::DELETE,
        &format!("/api/codes/{code}"),
        Some(&token),
        None,
    )
    .await;
    let (status, _, html) = page_in(&t, &format!("/join/{code}"), "fr").await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("Ce code a été annulé"), "{html}");
}

#[tokio::test]
async fn the_portal_form_and_its_answer_follow_the_language() {
    let t = TestRelay::start().await;
    let (status, language, html) = page_in(&t, "/portal/default", "es").await;
    assert_eq!((status, language.as_str()), (StatusCode::OK, "es"));
    assert!(html.contains("Su nombre"), "{html}");
    assert!(html.contains("¿Con qué necesita ayuda?"), "{html}");
    assert!(html.contains(">Pedir ayuda</button>"), "{html}");
    // Picked with the switch, the language rides along with the form post.
    let (_, _, html) = page_in(&t, "/portal/default?lang=fr", "es").await;
    assert!(
        html.contains("action=\"/portal/default/requests?lang=fr\""),
        "{html}"
    );

    let form = "application/x-www-form-urlencoded";
    let answer = t
        .client
        .post(t.url("/portal/default/requests"))
        .header("accept-language", "es-ES")
        .header("content-type", form)
        .body("name=Mar%C3%ADa&problem=Sin+sonido")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let html = answer.text().await.unwrap();
    assert!(html.contains("Hola, María:"), "{html}");
    assert!(html.contains("Es una sesión de chat"), "{html}");

    let refused = t
        .client
        .post(t.url("/portal/default/requests?lang=fr"))
        .header("content-type", form)
        .body("name=Marie")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Nous n&#39;avons pas pu enregistrer votre demande"),
        "{html}"
    );
}

#[tokio::test]
async fn api_errors_stay_english_whatever_the_browser_says() {
    let t = TestRelay::start().await;
    let response = t
        .client
        .post(t.url("/portal/nope/requests"))
        .header("accept-language", "fr-FR")
        .json(&json!({ "name": "Marie", "problem": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!response.headers().contains_key("content-language"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "there is no support portal at this address");
}
