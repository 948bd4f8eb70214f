//! `lifeline-bench`: Lifeline's benchmarks, one subcommand each.
//!
//! - `codec`: the lossless `tiles` codec against an OpenH264 baseline on synthetic phone
//!   screens (bytes per frame, encode and decode time), checking that every frame
//!   round-trips exactly; and the console's side of H.264 (decode, plane upload, shader).
//! - `sim`: the simulated phone's render and the agent's session core (pacing, frame window,
//!   tiles encode) per frame while scrolling, and the cost of an idle phone.
//! - `console`: the real console's resident memory and CPU while one session streams a
//!   scroll at 60 fps.

mod codec;
mod console;
mod console_h264;
mod h264;
mod sim;
mod stats;
mod xvfb;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// Lifeline's benchmarks.
#[derive(Debug, Parser)]
#[command(name = "lifeline-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compare the tiles codec with H.264 (OpenH264) on scroll, static and app-switch
    /// scenarios at 1080x2400, and time the console's H.264 decode and GPU upload; fails if
    /// a tiles frame does not decode to its source.
    Codec(codec::CodecArgs),
    /// Render and encode cost of the simulated phone and the agent's session core while
    /// scrolling at 1080x2400, and the cost of an idle phone.
    Sim(sim::SimArgs),
    /// Resident memory and CPU of the real console (`--demo`, on DISPLAY or an Xvfb) while
    /// its demo phone scrolls at 60 fps; needs `lifeline-console` and `lifeline-agent` built
    /// next to this program.
    Console(console::ConsoleArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Codec(args) => codec::run(&args),
        Command::Sim(args) => sim::run(&args),
        Command::Console(args) => console::run(&args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_codec_flags() {
        let cli =
            Cli::try_parse_from(["lifeline-bench", "codec", "--json", "--frames", "5"]).unwrap();
        let Command::Codec(args) = cli.command else {
            panic!("parsed as another subcommand");
        };
        assert!(args.json);
        assert_eq!(args.frames, Some(5));
        assert!(Cli::try_parse_from(["lifeline-bench", "codec", "--frames", "0"]).is_err());
    }
}
