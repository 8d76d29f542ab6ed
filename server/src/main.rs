//! `adder-lab-server`: the lab's programs as real HTTP servers (`adder`, `converter`, `db`), the
//! load driver that sends the lab's clients' traffic to one (`drive`), the lab's checker on the
//! history it wrote (`check`), and a throughput bench (`bench`). See README, "Take it to a real
//! cluster".

mod bench;
mod check;
mod config;
mod drive;
mod file_total;
mod history;
mod http_client;
mod serve;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::config::{Config, Program};

#[derive(Parser)]
#[command(
    name = "adder-lab-server",
    version,
    about = "Adder Lab's programs as real servers, its load driver and its checker"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// addAndReturnTotal over HTTP (GET /add?number=N); the total kept where TOTAL_STORE says:
    /// memory, file (TOTAL_FILE, FILE_LOCK=on|off) or database (DATABASE_HOST)
    Adder(ServeArgs),
    /// convertMetersToCentimeters over HTTP (GET /convert?meters=N): stateless
    Converter(ServeArgs),
    /// The three-tier design's database: one total in TOTAL_FILE (default /var/lib/db/total),
    /// every add under its lock (GET /add?number=N)
    Db(ServeArgs),
    /// Send Alice's, Bob's and Carol's adds to a server and write the history as JSON lines
    Drive {
        /// The server's address, e.g. http://127.0.0.1:8080 (a port-forward, NodePort or Ingress)
        #[arg(long)]
        url: String,
        /// The seed of the request stream (who sends which number when), as the lab's
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How long to send, in seconds
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=3600))]
        seconds: u64,
        /// Each client's requests a minute, Alice,Bob,Carol (as the lab's traffic setting)
        #[arg(long, value_delimiter = ',', default_values_t = [300, 300, 300], num_args = 1..=3)]
        rates: Vec<u32>,
        /// The history file to write
        #[arg(long, default_value = "history.jsonl")]
        out: PathBuf,
        /// How long to wait for each answer, in milliseconds
        #[arg(long, default_value_t = 5000)]
        timeout_ms: u64,
        /// Requests in flight at most; later sends wait
        #[arg(long, default_value_t = 512)]
        in_flight: usize,
    },
    /// Run the lab's checker on a history the driver wrote; exit 1 if it finds anything
    Check {
        /// The history file (JSON lines)
        history: PathBuf,
    },
    /// Requests a second a server sustains, closed loop
    Bench {
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 16)]
        connections: usize,
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=bench::SECONDS_MAX))]
        seconds: u64,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Where to listen (port 0: any free port, printed on the first line)
    #[arg(long, default_value = "0.0.0.0:8080")]
    listen: SocketAddr,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("adder-lab-server: cannot start: {error}");
            return ExitCode::from(1);
        }
    };
    match cli.command {
        Command::Adder(args) => serve(Program::Adder, args, &runtime),
        Command::Converter(args) => serve(Program::Converter, args, &runtime),
        Command::Db(args) => serve(Program::Database, args, &runtime),
        Command::Drive {
            url,
            seed,
            seconds,
            rates,
            out,
            timeout_ms,
            in_flight,
        } => runtime.block_on(drive::drive(drive::DriveOptions {
            url,
            seed,
            seconds,
            rates_per_minute: rates,
            out,
            timeout: Duration::from_millis(timeout_ms.max(1)),
            in_flight_max: in_flight,
        })),
        Command::Check { history } => check::check(&history),
        Command::Bench {
            url,
            connections,
            seconds,
        } => runtime.block_on(bench::bench(&url, connections, seconds)),
    }
}

fn serve(program: Program, args: ServeArgs, runtime: &tokio::runtime::Runtime) -> ExitCode {
    let config = match Config::read(program, |name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("adder-lab-server {}: {error}", program.word());
            return ExitCode::from(2);
        }
    };
    // A pod's name, as Kubernetes sets HOSTNAME in its containers.
    let name = std::env::var("HOSTNAME").unwrap_or_else(|_| program.word().to_owned());
    runtime.block_on(serve::serve(config, args.listen, name))
}
