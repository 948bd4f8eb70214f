//! Portals.

use lifeline_protocol::messages::UnixMillis;
use sqlx::Row as _;

use super::error::is_unique_violation;
use super::rows::{self, policy_str, portal_columns};
use super::types::{Portal, PortalSettings};
use super::{Store, StoreError, clean_text, ms};

/// Longest portal name, in characters.
pub const MAX_PORTAL_NAME_CHARS: usize = 100;
/// Longest slug, in characters.
pub const MAX_SLUG_CHARS: usize = 40;
/// Shortest code lifetime.
pub const MIN_CODE_LIFETIME_SECS: u32 = 60;
/// Longest code lifetime: a week.
pub const MAX_CODE_LIFETIME_SECS: u32 = 7 * 24 * 3600;
/// Largest pending-code limit.
pub const MAX_PENDING_LIMIT: u32 = 100;

/// Checks portal settings and returns them cleaned (trimmed name).
fn validate(settings: &PortalSettings) -> Result<PortalSettings, StoreError> {
    let name = clean_text(
        "the portal name",
        &settings.name,
        MAX_PORTAL_NAME_CHARS,
        false,
    )?;
    if name.is_empty() {
        return Err(StoreError::Invalid("the portal name is empty".into()));
    }
    let slug = &settings.slug;
    let slug_ok = !slug.is_empty()
        && slug.len() <= MAX_SLUG_CHARS
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if !slug_ok {
        return Err(StoreError::Invalid(format!(
            "the slug {slug:?} is not valid: use 1 to {MAX_SLUG_CHARS} lowercase letters, digits \
             and dashes, not starting or ending with a dash"
        )));
    }
    if !(MIN_CODE_LIFETIME_SECS..=MAX_CODE_LIFETIME_SECS).contains(&settings.code_lifetime_secs) {
        return Err(StoreError::Invalid(format!(
            "the code lifetime must be {MIN_CODE_LIFETIME_SECS} to {MAX_CODE_LIFETIME_SECS} \
             seconds, not {}",
            settings.code_lifetime_secs
        )));
    }
    if !(1..=MAX_PENDING_LIMIT).contains(&settings.max_pending_codes) {
        return Err(StoreError::Invalid(format!(
            "the pending code limit must be 1 to {MAX_PENDING_LIMIT}, not {}",
            settings.max_pending_codes
        )));
    }
    Ok(PortalSettings {
        name,
        ..settings.clone()
    })
}

impl Store {
    pub(super) async fn ensure_default_portal(&self, now: UnixMillis) -> Result<(), StoreError> {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM portals WHERE is_default)")
                .fetch_one(&self.pool)
                .await?;
        if exists {
            return Ok(());
        }
        let mut settings = PortalSettings::default_portal();
        // An earlier portal may have taken the slug; the default portal then takes another.
        let live_slug: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM portals WHERE slug = ? AND deleted_at IS NULL)",
        )
        .bind(&settings.slug)
        .fetch_one(&self.pool)
        .await?;
        if live_slug {
            settings.slug = "default-portal".into();
        }
        self.insert_portal(&settings, true, now).await?;
        Ok(())
    }

    async fn insert_portal(
        &self,
        settings: &PortalSettings,
        is_default: bool,
        now: UnixMillis,
    ) -> Result<Portal, StoreError> {
        let settings = validate(settings)?;
        let inserted = sqlx::query(
            "INSERT INTO portals (name, slug, policy_screen_view, policy_remote_control, \
             policy_diagnostics, policy_log_files, code_lifetime_secs, max_pending_codes, \
             accept_chat_requests, is_default, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&settings.name)
        .bind(&settings.slug)
        .bind(policy_str(settings.policy.screen_view))
        .bind(policy_str(settings.policy.remote_control))
        .bind(policy_str(settings.policy.diagnostics))
        .bind(policy_str(settings.policy.log_files))
        .bind(i64::from(settings.code_lifetime_secs))
        .bind(i64::from(settings.max_pending_codes))
        .bind(settings.accept_chat_requests)
        .bind(is_default)
        .bind(ms(now))
        .fetch_one(&self.pool)
        .await;
        match inserted {
            Ok(row) => Ok(portal_from_settings(row.try_get("id")?, settings, false)),
            Err(e) if is_unique_violation(&e) => Err(StoreError::SlugTaken(settings.slug)),
            Err(e) => Err(e.into()),
        }
    }

    /// Every live portal, the default first, then by name.
    pub async fn portals(&self) -> Result<Vec<Portal>, StoreError> {
        let found = sqlx::query(concat!(
            "SELECT ",
            portal_columns!(),
            " FROM portals p WHERE p.deleted_at IS NULL ORDER BY p.is_default DESC, p.name, p.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(rows::portal).collect()
    }

    /// A live portal by id.
    pub async fn portal(&self, id: i64) -> Result<Option<Portal>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            portal_columns!(),
            " FROM portals p WHERE p.id = ? AND p.deleted_at IS NULL"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::portal).transpose()
    }

    /// A live portal by slug.
    pub async fn portal_by_slug(&self, slug: &str) -> Result<Option<Portal>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            portal_columns!(),
            " FROM portals p WHERE p.slug = ? AND p.deleted_at IS NULL"
        ))
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::portal).transpose()
    }

    /// The default portal, which always exists.
    pub async fn default_portal(&self) -> Result<Portal, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            portal_columns!(),
            " FROM portals p WHERE p.is_default"
        ))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref()
            .map(rows::portal)
            .transpose()?
            .ok_or(StoreError::NotFound("default portal"))
    }

    /// Creates a portal.
    pub async fn create_portal(
        &self,
        settings: &PortalSettings,
        now: UnixMillis,
    ) -> Result<Portal, StoreError> {
        self.insert_portal(settings, false, now).await
    }

    /// Replaces a live portal's settings.
    pub async fn update_portal(
        &self,
        id: i64,
        settings: &PortalSettings,
    ) -> Result<Portal, StoreError> {
        let settings = validate(settings)?;
        let updated = sqlx::query(
            "UPDATE portals SET name = ?, slug = ?, policy_screen_view = ?, \
             policy_remote_control = ?, policy_diagnostics = ?, policy_log_files = ?, \
             code_lifetime_secs = ?, max_pending_codes = ?, accept_chat_requests = ? \
             WHERE id = ? AND deleted_at IS NULL RETURNING recording_notice",
        )
        .bind(&settings.name)
        .bind(&settings.slug)
        .bind(policy_str(settings.policy.screen_view))
        .bind(policy_str(settings.policy.remote_control))
        .bind(policy_str(settings.policy.diagnostics))
        .bind(policy_str(settings.policy.log_files))
        .bind(i64::from(settings.code_lifetime_secs))
        .bind(i64::from(settings.max_pending_codes))
        .bind(settings.accept_chat_requests)
        .bind(id)
        .fetch_optional(&self.pool)
        .await;
        match updated {
            Ok(None) => Err(StoreError::NotFound("portal")),
            Ok(Some(row)) => Ok(portal_from_settings(
                id,
                settings,
                row.try_get("recording_notice")?,
            )),
            Err(e) if is_unique_violation(&e) => Err(StoreError::SlugTaken(settings.slug)),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes a portal: it disappears from lists and takes no new codes, while the codes and
    /// records that name it stay whole. The default portal cannot be deleted.
    pub async fn delete_portal(&self, id: i64, now: UnixMillis) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let is_default: Option<bool> = sqlx::query_scalar(
            "SELECT is_default FROM portals WHERE id = ? AND deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        match is_default {
            None => return Err(StoreError::NotFound("portal")),
            Some(true) => return Err(StoreError::DefaultPortal),
            Some(false) => {}
        }
        sqlx::query("UPDATE portals SET deleted_at = ? WHERE id = ?")
            .bind(ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn portal_from_settings(id: i64, settings: PortalSettings, recording_notice: bool) -> Portal {
    Portal {
        id,
        name: settings.name,
        slug: settings.slug,
        policy: settings.policy,
        code_lifetime_secs: settings.code_lifetime_secs,
        max_pending_codes: settings.max_pending_codes,
        accept_chat_requests: settings.accept_chat_requests,
        recording_notice,
    }
}
