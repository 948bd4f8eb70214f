//! The dispatcher's commands that are one call (or a few) to the relay's API: codes, portal
//! requests, and the administration of portals, users and retention. Each runs in the
//! background and reports through the sink.

use super::{Dispatcher, Internal};
use crate::net::command::{Command, SessionCommand};
use crate::state::ServerEvent;

impl Dispatcher {
    /// Carries out a command that calls the relay's API.
    pub(super) fn server_call(&self, command: Command) {
        match command {
            Command::CreateCode { identifier, portal } => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let code = api
                        .create_code(identifier.as_deref(), portal.as_deref())
                        .await?;
                    sink.server(ServerEvent::CodeCreated(code.clone())).await;
                    Ok(vec![Internal::Code(code)])
                });
            }
            Command::CancelCode(code) => {
                if let Some(session) = self.sessions.get(&code) {
                    session.send(SessionCommand::End);
                }
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let entry = api.cancel_code(code).await?;
                    sink.server(ServerEvent::CodeCancelled(entry)).await;
                    Ok(vec![])
                });
            }
            Command::AcceptRequest(id) => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let entry = api.accept_request(id).await?;
                    sink.server(ServerEvent::CodeUpdated(entry.clone())).await;
                    let requests = api.requests().await?;
                    sink.server(ServerEvent::Requests(requests)).await;
                    Ok(vec![Internal::Code(entry)])
                });
            }
            Command::LoadAdmin => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let portals = api.portals().await?;
                    sink.server(ServerEvent::Portals(portals)).await;
                    let users = api.users().await?;
                    sink.server(ServerEvent::Users(users)).await;
                    let days = api.retention().await?;
                    sink.server(ServerEvent::Retention { days, saved: false })
                        .await;
                    Ok(vec![])
                });
            }
            Command::SetRetention(days) => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let days = api.set_retention(days).await?;
                    sink.server(ServerEvent::Retention { days, saved: true })
                        .await;
                    Ok(vec![])
                });
            }
            Command::SetRecordingNotice { portal, notice } => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    api.set_recording_notice(portal, notice).await?;
                    let portals = api.portals().await?;
                    sink.server(ServerEvent::Portals(portals)).await;
                    Ok(vec![])
                });
            }
            Command::SavePortal { id, draft } => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let portal = match id {
                        Some(id) => api.update_portal(id, &draft).await?,
                        None => api.create_portal(&draft).await?,
                    };
                    sink.server(ServerEvent::PortalSaved(portal)).await;
                    Ok(vec![])
                });
            }
            Command::CreateUser {
                name,
                password,
                role,
            } => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let user = api.create_user(&name, &password, &role).await?;
                    sink.server(ServerEvent::UserSaved(user)).await;
                    Ok(vec![])
                });
            }
            Command::UpdateUser { id, role, disabled } => {
                let sink = self.sink.clone();
                self.background(move |api| async move {
                    let user = api.update_user(id, role.as_deref(), disabled).await?;
                    sink.server(ServerEvent::UserSaved(user)).await;
                    Ok(vec![])
                });
            }
            // The other commands are the dispatcher's own (`Dispatcher::command`).
            _ => {}
        }
    }
}
