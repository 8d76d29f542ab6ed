//! Requests: client → Service → pod → (lock, volume, database) → client, one stage at a time.
//!
//! In-flight requests when things break (chosen to match what a client of a real cluster sees):
//! - a deleted pod leaves the endpoints at once, finishes work already inside it during the
//!   grace period, and work still inside when the pod is gone fails (connection reset);
//! - a container restart or node failure fails the work inside that pod at once (reset);
//! - a request arriving at a pod that is gone or not running fails (connection refused).
//!
//! A failed request may or may not have changed the total (the checker treats it as unknown).

use super::checker::{Answer, Register, RequestId};
use super::command::{ClientIndex, RequestKind};
use super::objects::{Client, Completed, Failure, Owner, PodUid, Request, Stage, Ticket};
use super::scenario::{ProxyMode, Target, TotalStore, WorkloadKind};
use super::world::{COMPLETED_KEPT_MAX, Event, OBSERVED_KEPT_MAX, REQUESTS_IN_FLIGHT_MAX, World};

/// The terminal's debug pod's client (`kubectl run debug`), the sender of `curl`.
pub const DEBUG_CLIENT: &str = "debug";

impl World {
    /// The total a client's adds go to: one StatefulSet pod's, when the client names it, or the
    /// adder's (behind the Service).
    pub fn register_of(&self, client: ClientIndex) -> Register {
        match self.clients[client].target {
            Target::Pod(ordinal) if self.adder.kind == WorkloadKind::StatefulSet => {
                Register::Pod(ordinal)
            }
            _ => Register::Service,
        }
    }

    /// The terminal's debug client (`curl`), added after the scenario's clients the first time
    /// it is needed: a run without curl keeps exactly its clients.
    pub(super) fn debug_client(&mut self) -> ClientIndex {
        if let Some(index) = self
            .clients
            .iter()
            .position(|client| client.name == DEBUG_CLIENT)
        {
            return index;
        }
        self.clients.push(Client {
            name: DEBUG_CLIENT,
            requests_per_minute: 0,
            target: Target::Service,
            sends_convert: false,
            observed: std::collections::VecDeque::new(),
        });
        self.clients.len() - 1
    }

    pub(super) fn schedule_traffic(&mut self, client: ClientIndex) {
        let rate = self.clients[client].requests_per_minute;
        if rate == 0 {
            return;
        }
        // Mean interval 60 000 / rate ms, jittered by ±25% so clients drift apart.
        let mean_ms = (60_000 / u64::from(rate)).max(1);
        let delay_ms = self
            .rng
            .between(mean_ms - mean_ms / 4, mean_ms + mean_ms / 4)
            .max(1);
        self.schedule(delay_ms, Event::ClientTick { client });
    }

    pub(super) fn on_client_tick(&mut self, client: ClientIndex) {
        let number = self.rng.between(1, 9);
        let kind = if self.clients[client].sends_convert {
            RequestKind::Convert(number)
        } else {
            RequestKind::Add(number)
        };
        if self.in_flight_count() < REQUESTS_IN_FLIGHT_MAX {
            self.send(client, kind);
        } else {
            self.stats.requests_dropped += 1;
        }
        self.schedule_traffic(client);
    }

    fn hop_ms(&mut self) -> u64 {
        let latencies = self.settings.latencies;
        self.rng
            .between(latencies.network_hop_min_ms, latencies.network_hop_max_ms)
    }

    /// Sends a request now. The caller has checked the in-flight limit.
    pub(super) fn send(&mut self, client: ClientIndex, kind: RequestKind) {
        let target = self.clients[client].target;
        let register = self.register_of(client);
        let id = self.next_request_id;
        self.next_request_id += 1;
        self.stats.requests_sent += 1;
        let floor = self.checker.invoked(register, client);
        let hop_ms = self.hop_ms();
        let request = Request {
            id,
            client,
            kind,
            target,
            register,
            floor,
            stage: Stage::ToService,
            stage_started_ms: self.now_ms,
            stage_ends_ms: self.now_ms + hop_ms,
            sent_ms: self.now_ms,
            pod: None,
            pod_name: None,
            database_pod: None,
            read_total: 0,
            outcome: None,
        };
        let slot = match self.free_slots.pop() {
            Some(slot) => {
                self.requests[slot as usize] = Some(request);
                slot
            }
            None => {
                self.requests.push(Some(request));
                (self.requests.len() - 1) as u32
            }
        };
        self.in_flight += 1;
        self.schedule(hop_ms, Event::RequestStageDone { slot, id });
    }

    fn request_mut(&mut self, slot: u32) -> &mut Request {
        self.requests[slot as usize].as_mut().expect("live request")
    }

    fn enter(&mut self, slot: u32, stage: Stage, duration_ms: u64) {
        let now_ms = self.now_ms;
        let request = self.request_mut(slot);
        request.stage = stage;
        request.stage_started_ms = now_ms;
        request.stage_ends_ms = now_ms + duration_ms;
        let id = request.id;
        self.schedule(duration_ms, Event::RequestStageDone { slot, id });
    }

    /// Starts the trip back to the client with an answer or a failure. Whatever lock the
    /// request still holds is released first, so no path can leave a lock behind.
    fn respond(&mut self, slot: u32, outcome: Result<u64, Failure>) {
        let id = self.request_mut(slot).id;
        for volume in 0..self.volumes.len() {
            if self.volumes[volume]
                .lock
                .holder
                .is_some_and(|holder| holder.id == id)
            {
                self.volumes[volume].lock.holder = None;
                self.grant_next(volume);
            }
        }
        self.request_mut(slot).outcome = Some(outcome);
        let hop_ms = self.hop_ms();
        self.enter(slot, Stage::Respond, hop_ms);
    }

    pub(super) fn on_stage_done(&mut self, slot: u32, id: RequestId) {
        let Some(request) = self.requests.get(slot as usize).and_then(Option::as_ref) else {
            return;
        };
        if request.id != id {
            return; // the request already failed; its slot was reused
        }
        match request.stage {
            Stage::ToService => self.route(slot),
            Stage::ToPod => self.arrive_at_pod(slot),
            Stage::Compute => self.compute(slot),
            Stage::LockWait => {} // waits for the lock, not for a timer
            Stage::ReadFile => {
                let Some((volume, _)) = self.file_of(slot) else {
                    return self.respond(slot, Err(Failure::ConnectionReset));
                };
                self.request_mut(slot).read_total = self.volumes[volume].file_total;
                let write_ms = self.settings.latencies.file_write_ms;
                self.enter(slot, Stage::WriteFile, write_ms);
            }
            Stage::WriteFile => self.write_file(slot),
            Stage::ToDatabase => self.arrive_at_database(slot),
            Stage::Database => self.database_add(slot),
            Stage::FromDatabase => {
                let outcome = self.requests[slot as usize]
                    .as_ref()
                    .and_then(|r| r.outcome);
                self.respond(slot, outcome.unwrap_or(Err(Failure::ConnectionReset)));
            }
            Stage::Respond => self.deliver(slot),
        }
    }

    /// At the Service: kube-proxy picks an endpoint (ClusterIP), or the client's DNS answer
    /// names the pod (headless).
    fn route(&mut self, slot: u32) {
        let request = self.requests[slot as usize].as_ref().expect("live request");
        let (client, target) = (request.client, request.target);
        let by_name = self.adder.kind == WorkloadKind::StatefulSet && self.settings.pod_dns;
        let chosen = match target {
            // Both names are the Service's records: deleted, they resolve to nothing.
            _ if self.service_deleted => Err(Failure::NoService),
            Target::Pod(ordinal) if by_name => self
                .pods
                .iter()
                .find(|pod| {
                    pod.owner == Owner::Adder
                        && pod.ordinal == Some(ordinal)
                        && self.is_published(pod)
                })
                .map(|pod| pod.uid)
                .ok_or(Failure::NoDnsRecord),
            Target::Pod(_) => Err(Failure::NoDnsRecord),
            // Headless Service name: DNS returns every ready pod; the client takes one at random.
            Target::Service if self.settings.headless => {
                self.pick_random_endpoint().ok_or(Failure::NoEndpoints)
            }
            Target::Service => self
                .pick_cluster_ip_endpoint(client)
                .ok_or(Failure::NoEndpoints),
        };
        match chosen {
            Ok(uid) => {
                let name = self.pods[self.pod_index(uid).expect("endpoint")].name;
                let request = self.request_mut(slot);
                request.pod = Some(uid);
                request.pod_name = Some(name);
                let hop_ms = self.hop_ms();
                self.enter(slot, Stage::ToPod, hop_ms);
            }
            Err(failure) => self.respond(slot, Err(failure)),
        }
    }

    fn pick_random_endpoint(&mut self) -> Option<PodUid> {
        if self.endpoints.is_empty() {
            return None;
        }
        let n = self.rng.index(self.endpoints.len());
        Some(self.endpoints[n])
    }

    fn pick_cluster_ip_endpoint(&mut self, client: ClientIndex) -> Option<PodUid> {
        if self.settings.session_affinity {
            if let Some(&uid) = self.affinity.get(&client) {
                if self
                    .pod_index(uid)
                    .is_some_and(|index| self.is_published(&self.pods[index]))
                {
                    return Some(uid);
                }
            }
        }
        let chosen = match self.settings.proxy_mode {
            ProxyMode::Random => self.pick_random_endpoint(),
            ProxyMode::RoundRobin => {
                let count = self.endpoints.len();
                if count == 0 {
                    None
                } else {
                    let n = self.round_robin_next % count;
                    self.round_robin_next = self.round_robin_next.wrapping_add(1);
                    Some(self.endpoints[n])
                }
            }
        };
        if self.settings.session_affinity {
            if let Some(uid) = chosen {
                self.affinity.insert(client, uid);
            }
        }
        chosen
    }

    /// The pod a request is at, if it can still work on it.
    fn working_pod(&self, slot: u32) -> Option<usize> {
        let uid = self.requests[slot as usize].as_ref()?.pod?;
        self.pod_index(uid)
            .filter(|&index| self.pods[index].can_work())
    }

    fn arrive_at_pod(&mut self, slot: u32) {
        if self.working_pod(slot).is_none() {
            return self.respond(slot, Err(Failure::ConnectionRefused));
        }
        let kind = self.requests[slot as usize].as_ref().expect("live").kind;
        let latencies = self.settings.latencies;
        match (kind, self.settings.store) {
            // Sends are checked against the program, so an add never reaches a stateless pod.
            (RequestKind::Convert(_), _)
            | (_, TotalStore::Nothing | TotalStore::Memory | TotalStore::EmptyDir) => {
                self.enter(slot, Stage::Compute, latencies.compute_ms);
            }
            (RequestKind::Add(_), TotalStore::SharedVolume | TotalStore::OwnVolume) => {
                let Some((volume, _)) = self.file_of(slot) else {
                    return self.respond(slot, Err(Failure::ConnectionReset));
                };
                if self.settings.lock_enabled {
                    let id = self.requests[slot as usize].as_ref().expect("live").id;
                    let ticket = Ticket { id, slot };
                    let lock = &mut self.volumes[volume].lock;
                    if lock.holder.is_some() {
                        lock.waiting.push_back(ticket);
                        let now_ms = self.now_ms;
                        let request = self.request_mut(slot);
                        request.stage = Stage::LockWait;
                        request.stage_started_ms = now_ms;
                        request.stage_ends_ms = now_ms;
                        return;
                    }
                    lock.holder = Some(ticket);
                }
                self.enter(slot, Stage::ReadFile, latencies.file_read_ms);
            }
            (RequestKind::Add(_), TotalStore::Database) => {
                let hop_ms = self.hop_ms();
                self.enter(slot, Stage::ToDatabase, hop_ms);
            }
        }
    }

    /// Memory and emptyDir adds, and conversions: done in one step (JavaScript's
    /// `total = total + number` cannot interleave with itself).
    fn compute(&mut self, slot: u32) {
        let Some(index) = self.working_pod(slot) else {
            return self.respond(slot, Err(Failure::ConnectionReset));
        };
        let request = self.requests[slot as usize].as_ref().expect("live");
        let (kind, register) = (request.kind, request.register);
        let outcome = match kind {
            RequestKind::Convert(metres) => Ok(metres * 100),
            RequestKind::Add(number) => {
                let pod = &mut self.pods[index];
                let total = match self.settings.store {
                    TotalStore::EmptyDir => &mut pod.empty_dir_total,
                    _ => &mut pod.memory_total,
                };
                match total.checked_add(number) {
                    Some(sum) => {
                        *total = sum;
                        self.count_applied(register, number);
                        Ok(sum)
                    }
                    None => Err(Failure::Overflow),
                }
            }
        };
        self.respond(slot, outcome);
    }

    fn count_applied(&mut self, register: Register, number: u64) {
        let applied = &mut self.applied_total[register.index()];
        *applied = applied.saturating_add(number);
    }

    /// The volume holding the total for the request's pod, and the number to add.
    fn file_of(&self, slot: u32) -> Option<(usize, u64)> {
        let index = self.working_pod(slot)?;
        let volume = self.pods[index].volume?;
        match self.requests[slot as usize].as_ref()?.kind {
            RequestKind::Add(number) => Some((volume, number)),
            RequestKind::Convert(_) => None,
        }
    }

    fn write_file(&mut self, slot: u32) {
        let Some((volume, number)) = self.file_of(slot) else {
            return self.respond(slot, Err(Failure::ConnectionReset));
        };
        let (read_total, register) = {
            let request = self.requests[slot as usize].as_ref().expect("live");
            (request.read_total, request.register)
        };
        let outcome = match read_total.checked_add(number) {
            Some(total) => {
                // Without the lock, this may overwrite another pod's write: a lost update.
                self.volumes[volume].file_total = total;
                self.count_applied(register, number);
                Ok(total)
            }
            None => Err(Failure::Overflow),
        };
        self.respond(slot, outcome); // releases the lock
    }

    fn grant_next(&mut self, volume: usize) {
        while self.volumes[volume].lock.holder.is_none() {
            let Some(next) = self.volumes[volume].lock.waiting.pop_front() else {
                return;
            };
            self.volumes[volume].lock.holder = Some(next);
            let read_ms = self.settings.latencies.file_read_ms;
            self.enter(next.slot, Stage::ReadFile, read_ms);
        }
    }

    /// The lock was turned off: every waiter goes ahead.
    pub(super) fn release_all_waiters(&mut self) {
        for volume in 0..self.volumes.len() {
            let waiting: Vec<Ticket> = self.volumes[volume].lock.waiting.drain(..).collect();
            for ticket in waiting {
                let read_ms = self.settings.latencies.file_read_ms;
                self.enter(ticket.slot, Stage::ReadFile, read_ms);
            }
        }
    }

    fn arrive_at_database(&mut self, slot: u32) {
        if self.working_pod(slot).is_none() {
            return self.respond(slot, Err(Failure::ConnectionReset));
        }
        // db-0.db.default.svc.cluster.local: the headless Service's record for the one db pod.
        let database = self
            .pods
            .iter()
            .find(|pod| pod.owner == Owner::Database && pod.ordinal == Some(0) && pod.is_endpoint())
            .map(|pod| pod.uid);
        match database {
            Some(uid) => {
                self.request_mut(slot).database_pod = Some(uid);
                let database_ms = self.settings.latencies.database_ms;
                self.enter(slot, Stage::Database, database_ms);
            }
            None => self.respond(slot, Err(Failure::NoDnsRecord)),
        }
    }

    /// The database adds in one transaction, so concurrent adds never interleave.
    fn database_add(&mut self, slot: u32) {
        let request = self.requests[slot as usize].as_ref().expect("live");
        let (database, kind, register) = (request.database_pod, request.kind, request.register);
        let volume = database
            .and_then(|uid| self.pod_index(uid))
            .filter(|&index| self.pods[index].can_work())
            .and_then(|index| self.pods[index].volume);
        let (Some(volume), RequestKind::Add(number)) = (volume, kind) else {
            return self.respond(slot, Err(Failure::ConnectionReset));
        };
        let outcome = match self.volumes[volume].file_total.checked_add(number) {
            Some(total) => {
                self.volumes[volume].file_total = total;
                self.count_applied(register, number);
                Ok(total)
            }
            None => Err(Failure::Overflow),
        };
        self.request_mut(slot).outcome = Some(outcome);
        let hop_ms = self.hop_ms();
        self.enter(slot, Stage::FromDatabase, hop_ms);
    }

    /// The client receives the answer: record it, check it, free the slot.
    fn deliver(&mut self, slot: u32) {
        let request = self.requests[slot as usize].take().expect("live request");
        self.in_flight -= 1;
        self.free_slots.push(slot);
        let outcome = request.outcome.unwrap_or(Err(Failure::ConnectionReset));
        let completed = Completed {
            id: request.id,
            client: request.client,
            kind: request.kind,
            pod: request.pod_name,
            outcome,
            sent_ms: request.sent_ms,
            answered_ms: if request.stage == Stage::Respond {
                request.stage_started_ms
            } else {
                self.now_ms
            },
            received_ms: self.now_ms,
        };
        match (request.kind, outcome) {
            (RequestKind::Add(number), Ok(total)) => {
                self.stats.requests_answered += 1;
                let answer = Answer {
                    request: request.id,
                    client: request.client,
                    number,
                    total,
                };
                self.checker
                    .answered(self.now_ms, request.register, answer, request.floor);
                if let Some(stored) = self.stored_total(request.register) {
                    self.checker
                        .acknowledged(self.now_ms, request.register, number, stored);
                }
            }
            (RequestKind::Convert(metres), Ok(centimetres)) => {
                self.stats.requests_answered += 1;
                debug_assert_eq!(
                    centimetres,
                    metres * 100,
                    "the converter is stateless and exact"
                );
            }
            (_, Err(_)) => self.stats.requests_failed += 1,
        }
        let observed = &mut self.clients[request.client].observed;
        if observed.len() == OBSERVED_KEPT_MAX {
            observed.pop_front();
        }
        observed.push_back(completed);
        if self.completed.len() == COMPLETED_KEPT_MAX {
            self.completed.pop_front();
        }
        self.completed.push_back(completed);
    }

    /// The persisted total a register lives in, when exactly one store holds it.
    pub fn stored_total(&self, register: Register) -> Option<u64> {
        match self.settings.store {
            TotalStore::Nothing | TotalStore::Memory | TotalStore::EmptyDir => None,
            TotalStore::SharedVolume | TotalStore::OwnVolume | TotalStore::Database => self
                .volumes
                .iter()
                .find(|volume| volume.register == Some(register))
                .map(|volume| volume.file_total),
        }
    }

    /// Fails the work inside a pod (its process is gone) and frees the locks it held.
    pub(super) fn stop_work_at_pod(&mut self, uid: PodUid) {
        let inside: Vec<u32> = (0..self.requests.len() as u32)
            .filter(|&slot| {
                let Some(request) = self.requests[slot as usize].as_ref() else {
                    return false;
                };
                let at_pod = request.pod == Some(uid)
                    && matches!(
                        request.stage,
                        Stage::Compute
                            | Stage::LockWait
                            | Stage::ReadFile
                            | Stage::WriteFile
                            | Stage::ToDatabase
                            | Stage::FromDatabase
                    );
                let at_database =
                    request.database_pod == Some(uid) && request.stage == Stage::Database;
                at_pod || at_database
            })
            .collect();
        // First take them all out of the lock queues and drop their stage timers: answering one
        // releases the lock it holds, which must not go to another request dying with it.
        let ids: Vec<(u32, RequestId)> = inside
            .iter()
            .map(|&slot| {
                (
                    slot,
                    self.requests[slot as usize].as_ref().expect("live").id,
                )
            })
            .collect();
        let dying = |id: RequestId| ids.iter().any(|&(_, dying)| dying == id);
        for volume in &mut self.volumes {
            volume.lock.waiting.retain(|waiter| !dying(waiter.id));
        }
        self.unschedule(|event| {
            matches!(*event, Event::RequestStageDone { slot, id } if ids.contains(&(slot, id)))
        });
        for &(slot, _) in &ids {
            self.respond(slot, Err(Failure::ConnectionReset)); // releases a held lock
        }
    }
}
