//! Local mode: the relay in-process on loopback, and the local technician signed in
//! without a password.

use std::path::Path;

use lifeline_protocol::messages::UnixMillis;
use lifeline_relay::auth::TOKEN_LIFETIME;
use lifeline_relay::store::UserRole;
use lifeline_relay::{Relay, RelayConfig, RelayHandle};
use thiserror::Error;

/// The local technician's account name.
pub const LOCAL_USER: &str = "technician";

/// Why local mode could not start.
#[derive(Debug, Error)]
pub enum LocalError {
    /// The relay did not start.
    #[error("{0}")]
    Start(#[from] lifeline_relay::StartError),
    /// The account could not be set up.
    #[error("the local account could not be set up: {0}")]
    Account(#[from] lifeline_relay::store::StoreError),
    /// No random password could be drawn.
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

/// The running local relay and a token for the local technician.
#[derive(Debug)]
pub struct LocalRelay {
    /// The relay.
    pub relay: RelayHandle,
    /// A bearer token for [`LOCAL_USER`].
    pub token: String,
}

/// Starts the relay with its data in `data_dir` and signs the local technician in (creating
/// the account, an admin, on first start).
pub async fn start(data_dir: &Path) -> Result<LocalRelay, LocalError> {
    let relay = Relay::start(RelayConfig::loopback(data_dir)).await?;
    let store = relay.store();
    let user = match store.credentials(LOCAL_USER).await? {
        Some((user, _)) => user,
        None => {
            // Nobody signs in with it: tokens are issued directly. It only has to be
            // unguessable.
            let mut bytes = [0u8; 24];
            getrandom::fill(&mut bytes).map_err(|e| LocalError::Random(e.to_string()))?;
            store
                .create_user(LOCAL_USER, &hex::encode(bytes), UserRole::Admin)
                .await?
        }
    };
    let issued = store
        .issue_token(user.id, UnixMillis::now(), TOKEN_LIFETIME)
        .await?;
    Ok(LocalRelay {
        relay,
        token: issued.token,
    })
}

/// A fresh token for the local technician (the previous one expired).
pub async fn reissue(local: &LocalRelay) -> Result<String, LocalError> {
    let store = local.relay.store();
    let Some((user, _)) = store.credentials(LOCAL_USER).await? else {
        return Err(LocalError::Account(
            lifeline_relay::store::StoreError::NotFound("user"),
        ));
    };
    Ok(store
        .issue_token(user.id, UnixMillis::now(), TOKEN_LIFETIME)
        .await?
        .token)
}
