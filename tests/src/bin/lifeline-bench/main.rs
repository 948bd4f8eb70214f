//! `lifeline-bench`: Lifeline's benchmarks, one subcommand each.
//!
//! - `codec`: the lossless `tiles` codec against an OpenH264 baseline on synthetic phone
//!   screens (bytes per frame, encode and decode time), checking that every frame
//!   round-trips exactly; and the console's side of H.264 (decode, plane upload, shader).
//! - `sim`: the simulated phone's render and the agent's session core (pacing, frame window,
//!   tiles encode) per frame while scrolling, and the cost of an idle phone.
//! - `console`: the real console's resident memory and CPU while one session streams a
//!   scroll at 60 fps.
//! - `latency`: input to photon, a tap on the simulated phone until the frame showing it is
//!   decoded by the technician, through the relay and with the peers connected directly.
//! - `relay`: small-message round trips and bulk throughput, relay against direct, and
//!   many concurrent sessions: the relay's CPU, added latency and memory per session.
//! - `review`: a recorded session of mixed activity; seeks in the review player and the
//!   recording's size per minute.

mod codec;
mod console;
mod console_h264;
mod h264;
mod latency;
mod peers;
mod relay;
mod relay_child;
mod relay_load;
mod review;
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
    /// Input to photon at 1080x2400: tap, the phone reacts, the frame is decoded; through
    /// the relay and directly.
    Latency(latency::LatencyArgs),
    /// Round trips, throughput and concurrent sessions: the relay against direct
    /// connections.
    Relay(relay::RelayArgs),
    /// The relay under test, as a child process of `relay` (not for direct use).
    #[command(hide = true)]
    ServeRelay(relay_child::ServeArgs),
    /// A 30-minute recorded session of mixed activity, then seeks to random moments in the
    /// review player: seek time and recording size per minute.
    Review(review::ReviewArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Codec(args) => codec::run(&args),
        Command::Sim(args) => sim::run(&args),
        Command::Console(args) => console::run(&args),
        Command::Latency(args) => latency::run(&args),
        Command::Relay(args) => relay::run(&args),
        Command::ServeRelay(args) => {
            // As the relay's own binary does.
            lifeline_relay::allocator::use_one_malloc_arena();
            relay_child::serve(&args)
        }
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

    #[test]
    fn parses_latency_and_relay_flags() {
        let cli =
            Cli::try_parse_from(["lifeline-bench", "latency", "--json", "--taps", "5"]).unwrap();
        let Command::Latency(args) = cli.command else {
            panic!("parsed as another subcommand");
        };
        assert!(args.json);
        assert_eq!(args.taps, 5);
        assert!(Cli::try_parse_from(["lifeline-bench", "latency", "--taps", "0"]).is_err());
        let cli = Cli::try_parse_from(["lifeline-bench", "relay", "--sessions", "3"]).unwrap();
        let Command::Relay(args) = cli.command else {
            panic!("parsed as another subcommand");
        };
        assert_eq!((args.sessions, args.seconds), (3, 10));
        assert!(Cli::try_parse_from(["lifeline-bench", "relay", "--sessions", "0"]).is_err());
    }
}
