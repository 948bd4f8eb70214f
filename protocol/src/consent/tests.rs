use super::*;

const POLICIES: [Policy; 3] = [Policy::Ask, Policy::Notify, Policy::Off];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Request(Capability),
    Answer(Capability, bool),
    Revoke(Capability),
}

/// Capabilities explored exhaustively: screen view and control interact; diagnostics stands
/// for the independent ones (log files follows the same code path).
const CAPS: [Capability; 3] = [
    Capability::ScreenView,
    Capability::RemoteControl,
    Capability::Diagnostics,
];

fn all_steps() -> Vec<Step> {
    CAPS.iter()
        .flat_map(|&c| {
            [
                Step::Request(c),
                Step::Answer(c, true),
                Step::Answer(c, false),
                Step::Revoke(c),
            ]
        })
        .collect()
}

fn apply(ledger: &mut ConsentLedger, step: Step) -> bool {
    match step {
        Step::Request(c) => ledger.request(c).is_ok(),
        Step::Answer(c, yes) => ledger.answer(c, yes).is_ok(),
        Step::Revoke(c) => ledger.revoke(c).is_ok(),
    }
}

/// An independent statement of who allowed what, read off the accepted history: `cap` is
/// allowed iff the portal does not switch it off, and since the last withdrawal of it (or of
/// screen view, for control) either the customer accepted a request for it (`ask`) or the
/// technician requested it (`notify`).
fn customer_allowed(policy: &PortalPolicy, history: &[(Step, bool)], cap: Capability) -> bool {
    if policy.get(cap) == Policy::Off {
        return false;
    }
    let withdrawn_by = |step: &Step| match *step {
        Step::Revoke(c) => {
            c == cap || (cap == Capability::RemoteControl && c == Capability::ScreenView)
        }
        Step::Answer(c, false) => c == cap,
        _ => false,
    };
    let last_withdrawal = history
        .iter()
        .rposition(|(step, accepted)| *accepted && withdrawn_by(step));
    let since = last_withdrawal.map_or(0, |i| i + 1);
    history[since..].iter().any(|(step, accepted)| {
        *accepted
            && match (*step, policy.get(cap)) {
                (Step::Answer(c, true), Policy::Ask) => c == cap,
                (Step::Request(c), Policy::Notify) => c == cap,
                _ => false,
            }
    })
}

fn check_invariants(ledger: &ConsentLedger, history: &[(Step, bool)]) {
    for cap in CAPS {
        let permitted = ledger.permit(cap).is_ok();
        let allowed = customer_allowed(ledger.policy(), history, cap)
            && (cap != Capability::RemoteControl
                || customer_allowed(ledger.policy(), history, Capability::ScreenView));
        assert_eq!(
            permitted,
            allowed,
            "{cap} permitted={permitted} but the customer allowed={allowed}; policy {:?}, history {history:?}",
            ledger.policy()
        );
        assert_eq!(
            permitted,
            ledger.state(cap) == ConsentState::Granted,
            "permit and state disagree for {cap}"
        );
    }
    if ledger.permit(Capability::RemoteControl).is_ok() {
        assert!(ledger.permit(Capability::ScreenView).is_ok());
    }
}

/// Every sequence of up to five steps under every combination of policies: no path permits
/// what the customer (or a `notify` policy the technician invoked) did not allow.
#[test]
fn no_path_grants_what_the_customer_did_not() {
    let steps = all_steps();
    let mut explored = 0u64;
    for view in POLICIES {
        for control in POLICIES {
            for diag in POLICIES {
                let policy = PortalPolicy {
                    screen_view: view,
                    remote_control: control,
                    diagnostics: diag,
                    log_files: Policy::Ask,
                };
                let mut stack = vec![(ConsentLedger::new(policy, CapabilitySet::ALL), Vec::new())];
                while let Some((ledger, history)) = stack.pop() {
                    explored += 1;
                    check_invariants(&ledger, &history);
                    if history.len() == 5 {
                        continue;
                    }
                    for &step in &steps {
                        let mut next = ledger.clone();
                        let accepted = apply(&mut next, step);
                        if !accepted {
                            assert_eq!(next, ledger, "a refused step changed state: {step:?}");
                        }
                        let mut h = history.clone();
                        h.push((step, accepted));
                        stack.push((next, h));
                    }
                }
            }
        }
    }
    // 27 policy sets × (1 + 12 + 12² + 12³ + 12⁴ + 12⁵) histories.
    assert_eq!(explored, 27 * 271_453);
}

#[test]
fn ask_policy_story() {
    let mut ledger = ConsentLedger::new(PortalPolicy::default(), CapabilitySet::ALL);
    let diag = Capability::Diagnostics;
    assert_eq!(ledger.permit(diag), Err(ConsentError::NotRequested(diag)));
    assert_eq!(ledger.request(diag), Ok(RequestOutcome::AskCustomer));
    assert_eq!(ledger.request(diag), Ok(RequestOutcome::AlreadyAsked));
    assert_eq!(ledger.permit(diag), Err(ConsentError::Pending(diag)));
    assert_eq!(ledger.answer(diag, false), Ok(ConsentState::Denied));
    assert_eq!(ledger.permit(diag), Err(ConsentError::Denied(diag)));
    assert_eq!(ledger.answer(diag, true), Err(ConsentError::NotAsked(diag)));
    assert_eq!(ledger.request(diag), Ok(RequestOutcome::AskCustomer));
    assert_eq!(ledger.answer(diag, true), Ok(ConsentState::Granted));
    assert_eq!(ledger.permit(diag), Ok(()));
    assert_eq!(ledger.request(diag), Ok(RequestOutcome::AlreadyGranted));
    assert_eq!(ledger.revoke(diag), Ok(vec![diag]));
    assert_eq!(ledger.permit(diag), Err(ConsentError::Revoked(diag)));
    assert_eq!(ledger.revoke(diag), Err(ConsentError::NotGranted(diag)));
}

#[test]
fn notify_grants_on_request_and_off_never() {
    let mut policy = PortalPolicy::uniform(Policy::Notify);
    policy.set(Capability::LogFiles, Policy::Off);
    let mut ledger = ConsentLedger::new(policy, CapabilitySet::ALL);
    assert_eq!(
        ledger.permit(Capability::ScreenView),
        Err(ConsentError::NotRequested(Capability::ScreenView)),
        "notify still needs the technician to ask, so the customer is told"
    );
    assert_eq!(
        ledger.request(Capability::ScreenView),
        Ok(RequestOutcome::GrantedByPolicy)
    );
    assert_eq!(ledger.permit(Capability::ScreenView), Ok(()));
    assert_eq!(
        ledger.request(Capability::LogFiles),
        Err(ConsentError::Disabled(Capability::LogFiles))
    );
    assert_eq!(
        ledger.permit(Capability::LogFiles),
        Err(ConsentError::Disabled(Capability::LogFiles))
    );
}

#[test]
fn control_needs_view_and_falls_with_it() {
    let mut ledger = ConsentLedger::new(PortalPolicy::default(), CapabilitySet::ALL);
    let (view, control) = (Capability::ScreenView, Capability::RemoteControl);
    assert_eq!(ledger.request(control), Err(ConsentError::NeedsScreenView));
    ledger.request(view).unwrap();
    ledger.answer(view, true).unwrap();
    ledger.request(control).unwrap();
    ledger.answer(control, true).unwrap();
    assert_eq!(ledger.permit(control), Ok(()));
    assert_eq!(ledger.revoke(view), Ok(vec![view, control]));
    assert_eq!(ledger.permit(control), Err(ConsentError::NeedsScreenView));
    assert_eq!(ledger.state(control), ConsentState::Revoked);
}

#[test]
fn unsupported_capabilities_are_refused() {
    let chat_only = CapabilitySet::NONE.with(Capability::Diagnostics);
    assert!(chat_only.is_chat_only());
    let mut ledger = ConsentLedger::new(PortalPolicy::uniform(Policy::Notify), chat_only);
    assert_eq!(
        ledger.request(Capability::ScreenView),
        Err(ConsentError::Unsupported(Capability::ScreenView))
    );
    assert_eq!(
        ledger.permit(Capability::LogFiles),
        Err(ConsentError::Unsupported(Capability::LogFiles))
    );
    assert_eq!(
        ledger.request(Capability::Diagnostics),
        Ok(RequestOutcome::GrantedByPolicy)
    );
}

#[test]
fn capability_set_serializes_as_a_mask_and_rejects_unknown_bits() {
    let set: CapabilitySet = [Capability::ScreenView, Capability::LogFiles]
        .into_iter()
        .collect();
    assert_eq!(u8::from(set), 0b1001);
    let bytes = postcard::to_stdvec(&set).unwrap();
    assert_eq!(postcard::from_bytes::<CapabilitySet>(&bytes).unwrap(), set);
    assert!(postcard::from_bytes::<CapabilitySet>(&[0x10]).is_err());
    assert_eq!(format!("{set:?}"), "{ScreenView, LogFiles}");
}

#[test]
fn errors_read_well() {
    assert_eq!(
        ConsentError::Denied(Capability::LogFiles).to_string(),
        "the customer declined log files"
    );
    assert_eq!(
        ConsentError::Disabled(Capability::RemoteControl).to_string(),
        "remote control is turned off for this portal"
    );
}
