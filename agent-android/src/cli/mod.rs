//! The command line of `lifeline-agent`.

pub(crate) mod device;
pub(crate) mod join;
pub(crate) mod profiles;

use clap::{Args, Parser, Subcommand};
use lifeline_agent_android::session::{Approval, DEFAULT_MAX_FPS};
use lifeline_agent_android::sim::Activity;
use lifeline_protocol::i18n::Language;
use lifeline_protocol::link::RelayAddr;
use lifeline_protocol::{CertFingerprint, SessionCode};

use device::DeviceSpec;

/// Lifeline's customer agent: join a support session with a simulated Android phone, or a
/// real one attached by USB (adb).
#[derive(Debug, Parser)]
#[command(name = "lifeline-agent", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Join a support session: chat with the technician here, and let them see and control
    /// the phone when you allow it.
    Join(JoinArgs),
    /// List the simulated phone's device profiles.
    Profiles,
}

/// Options of `lifeline-agent join`.
#[derive(Debug, Clone, Args)]
pub(crate) struct JoinArgs {
    /// The link from your technician: https://HOST/join/CODE or
    /// lifeline://join/CODE?relay=HOST:PORT&fp=FINGERPRINT.
    #[arg(required_unless_present = "code", conflicts_with = "code")]
    pub(crate) link: Option<String>,
    /// Your name, as the technician will see it.
    #[arg(long)]
    pub(crate) name: String,
    /// The 9-digit session code, instead of a link (with --relay and --fingerprint).
    #[arg(long, requires_all = ["relay", "fingerprint"])]
    pub(crate) code: Option<SessionCode>,
    /// The relay's QUIC address, HOST:PORT (with --code).
    #[arg(long, requires = "code")]
    pub(crate) relay: Option<RelayAddr>,
    /// The relay certificate's SHA-256 fingerprint (64 hex digits); also pins the join page
    /// of an https:// link.
    #[arg(long)]
    pub(crate) fingerprint: Option<CertFingerprint>,
    /// The phone: sim or sim:PROFILE (see `lifeline-agent profiles`), or adb for the phone
    /// attached by USB (adb:SERIAL when several are).
    #[arg(long, default_value = "sim")]
    pub(crate) device: DeviceSpec,
    /// The adb program for --device adb (default: $ADB, else adb on PATH).
    #[arg(long, value_name = "PATH")]
    pub(crate) adb: Option<std::path::PathBuf>,
    /// Who answers the technician's requests: ask (you, here or on the phone), all (yes to
    /// everything) or none (no to everything).
    #[arg(long, default_value_t = Approval::Ask)]
    pub(crate) approve: Approval,
    /// Show the phone and the chat in a desktop window instead of the terminal.
    #[arg(long)]
    pub(crate) window: bool,
    /// Language of what you read (en, fr or es); by default the phone's locale.
    #[arg(long, value_name = "LANG")]
    pub(crate) lang: Option<Language>,
    /// Size of the phone's logcat.txt in bytes, to watch a large transfer.
    #[arg(long, value_name = "BYTES")]
    pub(crate) log_size: Option<usize>,
    /// Highest frame rate of the shared screen.
    #[arg(long, default_value_t = DEFAULT_MAX_FPS, value_parser = clap::value_parser!(u8).range(1..=120))]
    pub(crate) max_fps: u8,
    /// Seconds to wait for the relay to answer.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub(crate) timeout: u64,
    /// Let the simulated phone act by itself (`scroll`: Settings scrolling at 60 fps), for
    /// demos and benchmarks.
    #[arg(long, value_name = "ACTIVITY", hide = true)]
    pub(crate) activity: Option<Activity>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<JoinArgs, clap::Error> {
        let mut all = vec!["lifeline-agent", "join"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).map(|cli| match cli.command {
            Command::Join(args) => args,
            Command::Profiles => panic!("parsed as profiles"),
        })
    }

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn join_takes_a_link_or_code_relay_and_fingerprint() {
        let fp = CertFingerprint::of_der(b"cert").to_string();
        let args = parse(&["https://r.example/join/123456789", "--name", "Marie"]).unwrap();
        assert_eq!(
            args.link.as_deref(),
            Some("https://r.example/join/123456789")
        );
        assert_eq!(args.approve, Approval::Ask);
        assert_eq!(args.max_fps, 60);

        let args = parse(&[
            "--code",
            "123 456 789",
            "--relay",
            "127.0.0.1:4433",
            "--fingerprint",
            &fp,
            "--name",
            "Marie",
            "--approve",
            "all",
            "--device",
            "sim:old",
        ])
        .unwrap();
        assert_eq!(args.code.unwrap().digits(), "123456789");
        assert_eq!(args.approve, Approval::All);
        assert_eq!(args.device.to_string(), "sim:old");
        let args = parse(&[
            "x",
            "--name",
            "M",
            "--device",
            "adb:R58M1",
            "--adb",
            "/opt/adb",
        ])
        .unwrap();
        assert_eq!(args.device.to_string(), "adb:R58M1");
        assert_eq!(args.adb.as_deref(), Some(std::path::Path::new("/opt/adb")));

        assert!(parse(&["--name", "Marie"]).is_err(), "no link, no code");
        assert!(
            parse(&["--code", "123456789", "--name", "M"]).is_err(),
            "no relay"
        );
        assert!(
            parse(&[
                "https://r.example/join/123456789",
                "--code",
                "123456789",
                "--relay",
                "h:1",
                "--fingerprint",
                &fp,
                "--name",
                "M"
            ])
            .is_err()
        );
        assert!(
            parse(&["https://r.example/join/123456789"]).is_err(),
            "no name"
        );
        assert!(parse(&["x", "--name", "M", "--approve", "maybe"]).is_err());
        assert!(parse(&["x", "--name", "M", "--device", "sim:nokia"]).is_err());
        assert!(
            parse(&[
                "--code",
                "12",
                "--relay",
                "h:1",
                "--fingerprint",
                &fp,
                "--name",
                "M"
            ])
            .is_err()
        );
    }
}
