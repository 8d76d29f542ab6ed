//! The request stream a comparison feeds to every lane: which client sends which number when,
//! generated once from one seed, apart from any lane's world, so every lane receives the same
//! requests at the same moments whatever its own randomness (routing, scheduling, names) does.

use crate::sim::ClientIndex;
use crate::sim::command::TRAFFIC_PER_MINUTE_MAX;
use crate::sim::rng::SimRng;

/// The smallest and largest number a streamed add carries (as a world's own traffic).
const NUMBER_MIN: u64 = 1;
const NUMBER_MAX: u64 = 9;

/// One request of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamRequest {
    pub at_ms: u64,
    pub client: ClientIndex,
    pub number: u64,
}

/// Each client sends at its rate with the same ±25 % jitter as a world's own traffic, so clients
/// drift apart; numbers are 1 to 9. Requests come out in time order, the lower client first at
/// the same millisecond.
#[derive(Debug, Clone)]
pub struct RequestStream {
    rng: SimRng,
    rates_per_minute: Vec<u32>,
    /// When each client sends next (`None`: its traffic is off).
    next_at_ms: Vec<Option<u64>>,
    /// FNV-1a over every request taken so far: two lanes fed the same stream have the same.
    digest: u64,
    taken: u64,
}

pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds one request into an FNV-1a digest (its time, client and number, little-endian).
pub fn fold(digest: u64, request: &StreamRequest) -> u64 {
    let bytes = request
        .at_ms
        .to_le_bytes()
        .into_iter()
        .chain((request.client as u64).to_le_bytes())
        .chain(request.number.to_le_bytes());
    bytes.fold(digest, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl RequestStream {
    /// A stream for clients sending at these rates from time 0.
    pub fn new(seed: u64, rates_per_minute: &[u32]) -> Self {
        let mut stream = RequestStream {
            rng: SimRng::new(seed),
            rates_per_minute: rates_per_minute
                .iter()
                .map(|rate| (*rate).min(TRAFFIC_PER_MINUTE_MAX))
                .collect(),
            next_at_ms: vec![None; rates_per_minute.len()],
            digest: FNV_OFFSET,
            taken: 0,
        };
        for client in 0..rates_per_minute.len() {
            stream.schedule(client, 0);
        }
        stream
    }

    fn schedule(&mut self, client: ClientIndex, from_ms: u64) {
        let rate = self.rates_per_minute[client];
        self.next_at_ms[client] = (rate > 0).then(|| {
            let mean_ms = (60_000 / u64::from(rate)).max(1);
            from_ms
                + self
                    .rng
                    .between(mean_ms - mean_ms / 4, mean_ms + mean_ms / 4)
                    .max(1)
        });
    }

    /// The time of the next request, if any client sends.
    pub fn peek_ms(&self) -> Option<u64> {
        self.next_at_ms.iter().flatten().min().copied()
    }

    /// The next request (the earliest; the lower client on a tie), and the one after it scheduled.
    pub fn take(&mut self) -> Option<StreamRequest> {
        let at_ms = self.peek_ms()?;
        let client = self
            .next_at_ms
            .iter()
            .position(|next| *next == Some(at_ms))
            .expect("peeked");
        let number = self.rng.between(NUMBER_MIN, NUMBER_MAX);
        self.schedule(client, at_ms);
        let request = StreamRequest {
            at_ms,
            client,
            number,
        };
        self.digest = fold(self.digest, &request);
        self.taken += 1;
        Some(request)
    }

    /// A client's rate from `now_ms` on (0 stops it); its next request is drawn again.
    pub fn set_rate(&mut self, client: ClientIndex, rate_per_minute: u32, now_ms: u64) {
        if let Some(rate) = self.rates_per_minute.get_mut(client) {
            *rate = rate_per_minute.min(TRAFFIC_PER_MINUTE_MAX);
            self.schedule(client, now_ms);
        }
    }

    pub fn rates_per_minute(&self) -> &[u32] {
        &self.rates_per_minute
    }

    /// Requests taken so far, and their digest.
    pub fn taken(&self) -> (u64, u64) {
        (self.taken, self.digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_a_function_of_its_seed_and_rates() {
        let take = |seed: u64| {
            let mut stream = RequestStream::new(seed, &[20, 20, 60]);
            std::iter::from_fn(|| stream.take())
                .take_while(|request| request.at_ms <= 60_000)
                .collect::<Vec<_>>()
        };
        let first = take(7);
        assert_eq!(first, take(7));
        assert_ne!(first, take(8));
        assert!(first.windows(2).all(|pair| pair[0].at_ms <= pair[1].at_ms));
        assert!(
            first
                .iter()
                .all(|request| (1..=9).contains(&request.number))
        );
        let carol = first.iter().filter(|request| request.client == 2).count();
        assert!((45..=75).contains(&carol), "about 60 a minute: {carol}");
    }

    #[test]
    fn a_rate_of_zero_stops_a_client_and_a_new_rate_starts_it_again() {
        let mut stream = RequestStream::new(1, &[20, 0, 0]);
        stream.set_rate(0, 0, 0);
        assert_eq!(stream.take(), None);
        stream.set_rate(1, 600, 5_000);
        let request = stream.take().unwrap();
        assert_eq!(request.client, 1);
        assert!((5_075..=5_125).contains(&request.at_ms), "{request:?}");
    }
}
