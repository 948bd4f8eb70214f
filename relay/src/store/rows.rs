//! Reading rows into the store's types. The column lists are macros so queries can be
//! assembled with `concat!` and stay `&'static str`.

use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::{Policy, PortalPolicy};
use sqlx::Row as _;
use sqlx::sqlite::SqliteRow;

use super::types::{CodeRecord, Portal, User};
use super::{StoreError, from_ms, parse_column, to_u32};

/// Portal columns, read by [`portal`]; the portal table is aliased `p`.
macro_rules! portal_columns {
    () => {
        "p.id AS p_id, p.name AS p_name, p.slug AS p_slug, \
         p.policy_screen_view AS p_screen_view, p.policy_remote_control AS p_remote_control, \
         p.policy_diagnostics AS p_diagnostics, p.policy_log_files AS p_log_files, \
         p.code_lifetime_secs AS p_lifetime, p.max_pending_codes AS p_max_pending, \
         p.accept_chat_requests AS p_accept_requests, p.recording_notice AS p_recording_notice"
    };
}

/// Code columns (with its portal's), read by [`code`]; tables aliased `c` and `p`.
macro_rules! code_columns {
    () => {
        concat!(
            "c.id AS c_id, c.code AS c_code, c.owner_id AS c_owner, c.identifier AS c_identifier, \
             c.state AS c_state, c.chat_only AS c_chat_only, c.created_at AS c_created, \
             c.expires_at AS c_expires, ",
            $crate::store::rows::portal_columns!()
        )
    };
}

/// User columns, read by [`user`]; the users table is aliased `u`.
macro_rules! user_columns {
    () => {
        "u.id AS u_id, u.name AS u_name, u.role AS u_role, u.disabled AS u_disabled"
    };
}

pub(super) use {code_columns, portal_columns, user_columns};

/// Reads a policy column.
pub(super) fn policy_from_str(text: &str) -> Result<Policy, StoreError> {
    match text {
        "ask" => Ok(Policy::Ask),
        "notify" => Ok(Policy::Notify),
        "off" => Ok(Policy::Off),
        other => Err(StoreError::corrupt("portal policy", other)),
    }
}

/// The stored name of a policy.
pub(super) fn policy_str(policy: Policy) -> &'static str {
    match policy {
        Policy::Ask => "ask",
        Policy::Notify => "notify",
        Policy::Off => "off",
    }
}

/// Reads [`portal_columns!`].
pub(super) fn portal(row: &SqliteRow) -> Result<Portal, StoreError> {
    let policy = |column: &str| -> Result<Policy, StoreError> {
        policy_from_str(&row.try_get::<String, _>(column)?)
    };
    Ok(Portal {
        id: row.try_get("p_id")?,
        name: row.try_get("p_name")?,
        slug: row.try_get("p_slug")?,
        policy: PortalPolicy {
            screen_view: policy("p_screen_view")?,
            remote_control: policy("p_remote_control")?,
            diagnostics: policy("p_diagnostics")?,
            log_files: policy("p_log_files")?,
        },
        code_lifetime_secs: to_u32("code lifetime", row.try_get("p_lifetime")?)?,
        max_pending_codes: to_u32("pending code limit", row.try_get("p_max_pending")?)?,
        accept_chat_requests: row.try_get("p_accept_requests")?,
        recording_notice: row.try_get("p_recording_notice")?,
    })
}

/// Reads a stored session code.
pub(super) fn session_code(value: i64) -> Result<SessionCode, StoreError> {
    u32::try_from(value)
        .ok()
        .and_then(|v| SessionCode::try_from(v).ok())
        .ok_or_else(|| StoreError::corrupt("session code", value))
}

/// Reads [`code_columns!`].
pub(super) fn code(row: &SqliteRow) -> Result<CodeRecord, StoreError> {
    Ok(CodeRecord {
        code: session_code(row.try_get("c_code")?)?,
        owner_id: row.try_get("c_owner")?,
        portal: portal(row)?,
        identifier: row.try_get("c_identifier")?,
        state: parse_column("code state", &row.try_get::<String, _>("c_state")?)?,
        chat_only: row.try_get("c_chat_only")?,
        created_at: from_ms(row.try_get("c_created")?),
        expires_at: from_ms(row.try_get("c_expires")?),
    })
}

/// Reads [`user_columns!`].
pub(super) fn user(row: &SqliteRow) -> Result<User, StoreError> {
    Ok(User {
        id: row.try_get("u_id")?,
        name: row.try_get("u_name")?,
        role: parse_column("user role", &row.try_get::<String, _>("u_role")?)?,
        disabled: row.try_get("u_disabled")?,
    })
}
