use std::time::Duration;

use lifeline_protocol::consent::{CapabilitySet, Policy, PortalPolicy};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::handshake::DeviceSummary;

use super::*;

const T0: UnixMillis = UnixMillis(1_700_000_000_000);

fn at_secs(secs: u64) -> UnixMillis {
    UnixMillis(T0.0 + secs * 1000)
}

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).await.unwrap();
    (dir, store)
}

fn device() -> DeviceSummary {
    DeviceSummary {
        manufacturer: "samsung".into(),
        model: "SM-S936B".into(),
        android_version: "16".into(),
        screen: Some((1080, 2340)),
        capabilities: CapabilitySet::ALL,
        locale: Some("fr-FR".into()),
    }
}

async fn code_for(store: &Store, owner: &User) -> CodeRecord {
    let portal = store.default_portal().await.unwrap();
    store
        .create_code(
            &NewCode {
                owner_id: owner.id,
                portal_id: portal.id,
                identifier: Some("Marie".into()),
            },
            T0,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn open_creates_the_default_portal_once_and_hides_the_system_account() {
    let (dir, store) = fresh().await;
    let portal = store.default_portal().await.unwrap();
    assert_eq!(portal.slug, "default");
    assert_eq!(portal.code_lifetime_secs, 20 * 60);
    assert_eq!(portal.max_pending_codes, 8);
    assert!(store.users().await.unwrap().is_empty());
    assert!(
        store
            .credentials(users::SYSTEM_USER)
            .await
            .unwrap()
            .is_none()
    );
    store.close().await;

    let again = Store::open(&dir.path().join("data")).await.unwrap();
    assert_eq!(again.portals().await.unwrap(), vec![portal]);
}

#[tokio::test]
async fn users_are_validated_and_unique_ignoring_case() {
    let (_dir, store) = fresh().await;
    let alice = store
        .create_user(" Alice ", "s3cret-pass", UserRole::Technician)
        .await
        .unwrap();
    assert_eq!(alice.name, "Alice");
    let err = store
        .create_user("alice", "another-pass", UserRole::Admin)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NameTaken(_)), "{err}");
    let err = store
        .create_user("bob", "short", UserRole::Admin)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("8 to 1024 characters"), "{err}");
    let err = store
        .create_user("  ", "long enough", UserRole::Admin)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
    let err = store
        .create_user(&"x".repeat(65), "long enough", UserRole::Admin)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("too long"), "{err}");

    let (found, hash) = store.credentials("ALICE").await.unwrap().unwrap();
    assert_eq!(found, alice);
    assert!(crate::auth::verify_password("s3cret-pass".into(), Some(hash)).await);
    assert_eq!(store.users().await.unwrap(), vec![alice]);
}

#[tokio::test]
async fn tokens_expire_and_die_with_a_disabled_user() {
    let (_dir, store) = fresh().await;
    let bob = store
        .create_user("bob", "password1", UserRole::Lead)
        .await
        .unwrap();
    let issued = store
        .issue_token(bob.id, T0, Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(issued.expires_at, at_secs(60));
    assert_eq!(
        store.user_for_token(&issued.token, T0).await.unwrap(),
        Some(bob.clone())
    );
    assert_eq!(
        store
            .user_for_token(&issued.token, at_secs(60))
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.user_for_token("nonsense", T0).await.unwrap(), None);

    let second = store
        .issue_token(bob.id, T0, Duration::from_secs(60))
        .await
        .unwrap();
    store.revoke_token(&second.token).await.unwrap();
    assert_eq!(store.user_for_token(&second.token, T0).await.unwrap(), None);

    let third = store
        .issue_token(bob.id, T0, Duration::from_secs(60))
        .await
        .unwrap();
    let disabled = store.update_user(bob.id, None, Some(true)).await.unwrap();
    assert!(disabled.disabled);
    assert_eq!(store.user_for_token(&third.token, T0).await.unwrap(), None);
    let enabled = store
        .update_user(bob.id, Some(UserRole::Admin), Some(false))
        .await
        .unwrap();
    assert_eq!(enabled.role, UserRole::Admin);
    assert_eq!(
        store.user_for_token(&third.token, T0).await.unwrap(),
        None,
        "tokens revoked by disabling stay revoked"
    );
    assert!(matches!(
        store.update_user(9999, None, Some(true)).await,
        Err(StoreError::NotFound("user"))
    ));
}

fn settings(slug: &str) -> PortalSettings {
    PortalSettings {
        name: format!("Portal {slug}"),
        slug: slug.into(),
        policy: PortalPolicy {
            remote_control: Policy::Off,
            diagnostics: Policy::Notify,
            ..PortalPolicy::default()
        },
        code_lifetime_secs: 600,
        max_pending_codes: 2,
        accept_chat_requests: false,
    }
}

#[tokio::test]
async fn portals_validate_update_and_delete_softly() {
    let (_dir, store) = fresh().await;
    let shop = store.create_portal(&settings("shop"), T0).await.unwrap();
    assert_eq!(
        store.portal_by_slug("shop").await.unwrap(),
        Some(shop.clone())
    );
    assert!(matches!(
        store.create_portal(&settings("shop"), T0).await,
        Err(StoreError::SlugTaken(_))
    ));
    for bad in ["", "Shop", "-shop", "shop-", "sh op", &"a".repeat(41)] {
        let err = store.create_portal(&settings(bad), T0).await.unwrap_err();
        assert!(err.to_string().contains("slug"), "{bad:?}: {err}");
    }
    let err = store
        .create_portal(
            &PortalSettings {
                code_lifetime_secs: 5,
                ..settings("x")
            },
            T0,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("code lifetime"), "{err}");

    let updated = store
        .update_portal(
            shop.id,
            &PortalSettings {
                name: "The Shop".into(),
                ..settings("the-shop")
            },
        )
        .await
        .unwrap();
    assert_eq!(store.portal(shop.id).await.unwrap(), Some(updated));

    // A code in the portal keeps reading after the portal is deleted.
    let tech = store
        .create_user("tech", "password1", UserRole::Technician)
        .await
        .unwrap();
    let code = store
        .create_code(
            &NewCode {
                owner_id: tech.id,
                portal_id: shop.id,
                identifier: None,
            },
            T0,
        )
        .await
        .unwrap();
    store.delete_portal(shop.id, T0).await.unwrap();
    assert_eq!(store.portal(shop.id).await.unwrap(), None);
    assert_eq!(store.portals().await.unwrap().len(), 1);
    assert_eq!(
        store.code(code.code).await.unwrap().unwrap().portal.slug,
        "the-shop"
    );
    // Its slug is free again; deleted portals take no codes.
    store
        .create_portal(&settings("the-shop"), T0)
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_code(
                &NewCode {
                    owner_id: tech.id,
                    portal_id: shop.id,
                    identifier: None
                },
                T0
            )
            .await,
        Err(StoreError::NotFound("portal"))
    ));
    let default = store.default_portal().await.unwrap();
    assert!(matches!(
        store.delete_portal(default.id, T0).await,
        Err(StoreError::DefaultPortal)
    ));
}

#[tokio::test]
async fn pending_codes_are_limited_and_expire_on_read() {
    let (_dir, store) = fresh().await;
    let tech = store
        .create_user("tech", "password1", UserRole::Technician)
        .await
        .unwrap();
    let limited = store.create_portal(&settings("limited"), T0).await.unwrap();
    let new = NewCode {
        owner_id: tech.id,
        portal_id: limited.id,
        identifier: Some("  Marie Dupont ".into()),
    };
    let first = store.create_code(&new, T0).await.unwrap();
    assert_eq!(first.identifier.as_deref(), Some("Marie Dupont"));
    assert_eq!(first.expires_at, at_secs(600));
    store.create_code(&new, T0).await.unwrap();
    let err = store.create_code(&new, T0).await.unwrap_err();
    assert!(
        matches!(err, StoreError::TooManyPendingCodes { limit: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("2 pending codes"), "{err}");

    // Once the first two expire, there is room again.
    let later = at_secs(600);
    assert_eq!(first.effective_state(later), CodeState::Expired);
    assert_eq!(first.effective_state(at_secs(599)), CodeState::Pending);
    store.create_code(&new, later).await.unwrap();
    assert_eq!(store.codes_of(tech.id, 100).await.unwrap().len(), 3);

    let too_long = NewCode {
        identifier: Some("x".repeat(101)),
        ..new
    };
    let err = store.create_code(&too_long, later).await.unwrap_err();
    assert!(err.to_string().contains("identifier is too long"), "{err}");
    assert_eq!(store.codes_of(tech.id, 100).await.unwrap().len(), 3);
}

#[tokio::test]
async fn codes_are_cancelled_by_their_owner_or_an_admin_only() {
    let (_dir, store) = fresh().await;
    let tech = store
        .create_user("tech", "password1", UserRole::Technician)
        .await
        .unwrap();
    let other = store
        .create_user("other", "password1", UserRole::Lead)
        .await
        .unwrap();
    let admin = store
        .create_user("admin", "password1", UserRole::Admin)
        .await
        .unwrap();
    let code = code_for(&store, &tech).await;
    assert!(matches!(
        store.cancel_code(code.code, &other, T0).await,
        Err(StoreError::NotFound("code"))
    ));
    let cancelled = store.cancel_code(code.code, &tech, T0).await.unwrap();
    assert_eq!(cancelled.state, CodeState::Cancelled);
    let err = store.cancel_code(code.code, &tech, T0).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the code is cancelled, so it cannot be cancelled"
    );

    let second = code_for(&store, &tech).await;
    let expired = at_secs(20 * 60);
    let err = store
        .cancel_code(second.code, &tech, expired)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("expired"), "{err}");
    let third = code_for(&store, &tech).await;
    store.cancel_code(third.code, &admin, T0).await.unwrap();
}

#[tokio::test]
async fn sessions_record_their_lifecycle() {
    let (_dir, store) = fresh().await;
    let tech = store
        .create_user("tech", "password1", UserRole::Technician)
        .await
        .unwrap();
    let code = code_for(&store, &tech).await;
    let new = NewSession {
        code: code.code,
        technician_id: tech.id,
        customer_name: "Marie\u{7}\n Dupont".into(),
        device: device(),
        started_at: at_secs(10),
    };
    let id = store.open_session(&new).await.unwrap();
    assert_eq!(
        store.code(code.code).await.unwrap().unwrap().state,
        CodeState::Active
    );
    assert!(matches!(
        store.open_session(&new).await,
        Err(StoreError::SessionExists)
    ));

    let running = store.session(id).await.unwrap().unwrap();
    assert_eq!(running.customer_name, "Marie   Dupont");
    assert_eq!(running.device, device());
    assert_eq!(running.identifier.as_deref(), Some("Marie"));
    assert_eq!(running.end, None);

    let end = SessionEnd {
        ended_at: at_secs(70),
        ended_by: Party::Customer,
        reason: "the customer pressed Exit".into(),
        bytes_from_technician: 1234,
        bytes_from_customer: 56789,
    };
    store.close_session(id, &end).await.unwrap();
    assert!(matches!(
        store.close_session(id, &end).await,
        Err(StoreError::SessionClosed)
    ));
    assert!(matches!(
        store.close_session(999, &end).await,
        Err(StoreError::NotFound("session"))
    ));
    let record = store.session(id).await.unwrap().unwrap();
    assert_eq!(record.end, Some(end));
    assert_eq!(
        store.code(code.code).await.unwrap().unwrap().state,
        CodeState::Ended
    );

    let events = store.session_events(id).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["joined", "ended"]);
    assert_eq!(events[1].data["duration_ms"], 60_000);
    assert_eq!(events[1].data["ended_by"], "customer");
    assert_eq!(events[0].data["device"]["model"], "SM-S936B");

    // An ended code cannot start another session.
    let err = store.open_session(&new).await.unwrap_err();
    assert!(err.to_string().contains("ended"), "{err}");

    let lead_view = store.sessions(None, 10).await.unwrap();
    assert_eq!(lead_view.len(), 1);
    assert_eq!(store.sessions(Some(tech.id + 1), 10).await.unwrap(), vec![]);
}

#[tokio::test]
async fn portal_requests_queue_and_are_accepted_once() {
    let (_dir, store) = fresh().await;
    let tech = store
        .create_user("tech", "password1", UserRole::Technician)
        .await
        .unwrap();
    let portal = store.default_portal().await.unwrap();
    let request = store
        .create_portal_request(portal.id, "Marie", "My phone\nwon't ring", T0)
        .await
        .unwrap();
    assert!(request.code.chat_only);
    assert_eq!(request.code.identifier.as_deref(), Some("Marie"));
    assert_ne!(request.code.owner_id, tech.id);
    assert_eq!(
        store.open_requests(T0).await.unwrap(),
        vec![request.clone()]
    );
    // Unaccepted requests do not count against anyone's pending codes.
    assert!(store.codes_of(tech.id, 10).await.unwrap().is_empty());

    let err = store
        .create_portal_request(portal.id, "", "help", T0)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("your name"), "{err}");

    let code = store.accept_request(request.id, tech.id, T0).await.unwrap();
    assert_eq!(code.owner_id, tech.id);
    assert_eq!(
        store.code(code.code).await.unwrap().unwrap().owner_id,
        tech.id
    );
    assert!(matches!(
        store.accept_request(request.id, tech.id, T0).await,
        Err(StoreError::AlreadyAccepted)
    ));
    assert!(store.open_requests(T0).await.unwrap().is_empty());

    // Expired requests leave the queue and cannot be accepted.
    let late = store
        .create_portal_request(portal.id, "Jean", "no signal", T0)
        .await
        .unwrap();
    let expired = at_secs(20 * 60);
    assert!(store.open_requests(expired).await.unwrap().is_empty());
    let err = store
        .accept_request(late.id, tech.id, expired)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("expired"), "{err}");

    let closed = store.create_portal(&settings("closed"), T0).await.unwrap();
    assert!(matches!(
        store
            .create_portal_request(closed.id, "Marie", "help", T0)
            .await,
        Err(StoreError::RequestsClosed)
    ));
}
