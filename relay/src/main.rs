//! `lifeline-relay`: runs the relay, and manages its accounts.
//!
//! ```text
//! lifeline-relay serve --data-dir DIR [--http ADDR] [--quic ADDR] [--public-url URL]
//!                      [--tls-cert FILE --tls-key FILE] [--insecure-http]
//! lifeline-relay user add --data-dir DIR --name NAME --role technician|lead|admin --password-stdin
//! ```

use std::io::BufRead as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Args, Parser, Subcommand};
use lifeline_relay::store::{Store, UserRole};
use lifeline_relay::{Limits, Relay, RelayConfig, TlsSource};
use tracing::{info, warn};
use url::Url;

#[derive(Debug, Parser)]
#[command(name = "lifeline-relay", version, about = "Lifeline's relay server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the relay until Ctrl-C.
    Serve(ServeArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Database and certificate live here; created if missing.
    #[arg(long)]
    data_dir: PathBuf,
    /// HTTPS listen address (API, join and portal pages).
    #[arg(long, default_value = "0.0.0.0:8080")]
    http: SocketAddr,
    /// QUIC (UDP) listen address.
    #[arg(long, default_value = "0.0.0.0:4433")]
    quic: SocketAddr,
    /// The address customers reach the pages at, e.g. https://support.example.com:8080
    #[arg(long)]
    public_url: Option<Url>,
    /// PEM certificate chain to use instead of the self-signed certificate.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// PEM private key of --tls-cert.
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Serve plain HTTP instead of HTTPS (loopback tests only).
    #[arg(long)]
    insecure_http: bool,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
struct UserAddArgs {
    /// The relay's data directory.
    #[arg(long)]
    data_dir: PathBuf,
    /// Sign-in name.
    #[arg(long)]
    name: String,
    /// technician, lead or admin.
    #[arg(long)]
    role: UserRole,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
}

fn main() -> ExitCode {
    lifeline_relay::allocator::use_one_malloc_arena();
    let cli = Cli::parse();
    init_tracing();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")
        .and_then(|runtime| {
            runtime.block_on(async {
                match cli.command {
                    Command::Serve(args) => serve(args).await,
                    Command::User(UserCommand::Add(args)) => add_user(args).await,
                }
            })
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => TlsSource::Files { cert, key },
        _ => TlsSource::SelfSigned,
    };
    if args.insecure_http && !args.http.ip().is_loopback() {
        warn!(
            "--insecure-http on {}: the API and passwords travel unencrypted",
            args.http
        );
    }
    let config = RelayConfig {
        data_dir: args.data_dir,
        http_addr: args.http,
        quic_addr: args.quic,
        public_url: args.public_url,
        tls,
        insecure_http: args.insecure_http,
        limits: Limits::default(),
    };
    let data_dir = config.data_dir.clone();
    let relay = Relay::start(config)
        .await
        .with_context(|| format!("could not start the relay in {}", data_dir.display()))?;
    let scheme = if args.insecure_http { "HTTP" } else { "HTTPS" };
    info!("certificate fingerprint (SHA-256): {}", relay.fingerprint);
    info!("{scheme} listening on {}", relay.http_addr);
    info!("QUIC listening on {}", relay.quic_addr);
    info!("public URL: {}", relay.public_url);
    shutdown_signal().await;
    info!("shutting down");
    relay.shutdown().await;
    info!("stopped");
    Ok(())
}

/// Ctrl-C, or SIGTERM on unix.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(err) => {
                warn!("cannot watch for SIGTERM: {err}");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn add_user(args: UserAddArgs) -> anyhow::Result<()> {
    if !args.password_stdin {
        bail!("give the password on standard input and pass --password-stdin");
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        bail!("no password on standard input");
    }
    let store = Store::open(&args.data_dir)
        .await
        .with_context(|| format!("could not open the database in {}", args.data_dir.display()))?;
    let created = store.create_user(&args.name, password, args.role).await;
    store.close().await;
    let user = created.context("could not create the user")?;
    println!("created {} {:?} (id {})", user.role, user.name, user.id);
    Ok(())
}
