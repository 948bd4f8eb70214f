//! `lifeline-agent`: the customer's agent on the command line.
//!
//! `lifeline-agent join LINK --name NAME [--device sim[:PROFILE]] [--approve ask|all|none]`
//! joins a session with a simulated phone and runs it in the terminal;
//! `lifeline-agent profiles` lists the phone profiles. Errors are one line on standard
//! error and a non-zero exit status.

mod cli;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser as _;
use tracing_subscriber::EnvFilter;

use cli::{Cli, Command};

/// How long background tasks get to finish once the command is done.
const SHUTDOWN: Duration = Duration::from_millis(200);

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Quiet unless RUST_LOG says otherwise: the terminal belongs to the conversation.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("lifeline_agent=warn,lifeline_agent_android=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();

    match cli.command {
        Command::Profiles => {
            for line in cli::profiles::lines() {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Command::Join(args) => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("lifeline-agent")
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(err) => {
                    eprintln!("lifeline-agent: cannot start the async runtime: {err}");
                    return ExitCode::FAILURE;
                }
            };
            let result = runtime.block_on(cli::join::run(args));
            runtime.shutdown_timeout(SHUTDOWN);
            match result {
                Ok(code) => code,
                Err(err) => {
                    eprintln!("lifeline-agent: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
