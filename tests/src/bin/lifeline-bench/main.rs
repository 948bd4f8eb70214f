//! `lifeline-bench`: Lifeline's benchmarks, one subcommand each.
//!
//! - `codec`: the lossless `tiles` codec against an OpenH264 baseline on synthetic phone
//!   screens (bytes per frame, encode and decode time), checking that every frame
//!   round-trips exactly.
//! - `sim`: the simulated phone's render and the agent's session core (pacing, frame window,
//!   tiles encode) per frame while scrolling, and the cost of an idle phone.
//! - `review`: a recorded session of mixed activity; seeks in the review player and the
//!   recording's size per minute.

mod codec;
mod h264;
mod review;
mod sim;
mod stats;

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
    /// scenarios at 1080x2400; fails if a tiles frame does not decode to its source.
    Codec(codec::CodecArgs),
    /// Render and encode cost of the simulated phone and the agent's session core while
    /// scrolling at 1080x2400, and the cost of an idle phone.
    Sim(sim::SimArgs),
    /// A 30-minute recorded session of mixed activity, then seeks to random moments in the
    /// review player: seek time and recording size per minute.
    Review(review::ReviewArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Codec(args) => codec::run(&args),
        Command::Sim(args) => sim::run(&args),
        Command::Review(args) => review::run(&args),
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
