//! A design of the learner's own: what the simulation takes from manifests that describe an
//! app the built-in scenarios do not run (the blog's StatefulSet behind a Service without
//! `clusterIP: None`, say). Only what the simulation uses is kept, so a link carries these few
//! fields (`design=`), not the YAML.

use std::cell::RefCell;

use super::command::REPLICAS_MAX;
use super::scenario::{
    AccessMode, ClaimRetention, PodManagementPolicy, Program, ScenarioId, Settings, TotalStore,
    UpdateStrategy, WorkloadKind,
};

/// Everything the simulation reads from a learner's manifests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Design {
    pub workload: WorkloadKind,
    /// The workload's `metadata.name`.
    pub app_name: String,
    /// The value of the `app` label its pods carry and its Service selects.
    pub app_label: String,
    pub service_name: String,
    /// A StatefulSet's `serviceName` (empty for a Deployment): each pod gets a DNS name only
    /// when it names the headless Service.
    pub governing_service: String,
    pub image: String,
    pub replicas: u32,
    pub program: Program,
    pub store: TotalStore,
    /// The claim a Deployment's pods share (`SharedVolume`).
    pub claim: String,
    pub access_mode: AccessMode,
    pub lock: bool,
    pub headless: bool,
    pub session_affinity: bool,
    pub pod_management: PodManagementPolicy,
    pub update_strategy: UpdateStrategy,
    /// A StatefulSet's `persistentVolumeClaimRetentionPolicy`.
    pub claim_retention: ClaimRetention,
    /// The Service's `publishNotReadyAddresses`.
    pub publish_not_ready: bool,
}

/// Longest name a design may use: a Deployment's pod adds `-<hash>-<5>` (17 characters) and
/// the lab keeps names inline in 40 bytes.
pub const NAME_MAX: usize = 23;

impl Design {
    /// The built-in scenario closest to it (what the scenario picker shows).
    pub fn base(&self) -> ScenarioId {
        match (self.workload, self.program, self.store) {
            (_, Program::Converter, _) => ScenarioId::ConverterDeployment,
            (WorkloadKind::StatefulSet, ..) => ScenarioId::StatefulSetHeadless,
            (_, _, TotalStore::EmptyDir) => ScenarioId::AdderEmptyDir,
            (_, _, TotalStore::SharedVolume) if !self.lock => ScenarioId::SharedVolumeNoLock,
            (_, _, TotalStore::SharedVolume) => ScenarioId::SharedVolumeLock,
            _ => ScenarioId::AdderMemory,
        }
    }

    /// Pods get DNS names of their own: a StatefulSet whose serviceName is its headless Service.
    pub fn pod_dns(&self) -> bool {
        self.workload == WorkloadKind::StatefulSet
            && self.headless
            && self.governing_service == self.service_name
    }

    /// The settings of a run of this design: the base scenario's clients, nodes and latencies.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::for_scenario(self.base());
        settings.program = self.program;
        settings.workload = self.workload;
        settings.store = if self.program == Program::Converter {
            TotalStore::Nothing
        } else {
            self.store
        };
        settings.replicas = self.replicas.min(REPLICAS_MAX);
        settings.lock_enabled = self.lock;
        settings.session_affinity = self.session_affinity && !self.headless;
        settings.pod_management = self.pod_management;
        settings.update_strategy = self.update_strategy;
        settings.claim_retention = self.claim_retention;
        settings.publish_not_ready = self.publish_not_ready;
        settings.shared_access_mode = self.access_mode;
        settings.app_name = intern(&self.app_name);
        settings.app_label = intern(&self.app_label);
        settings.service_name = intern(&self.service_name);
        settings.governing_service = intern(&self.governing_service);
        settings.image = intern(&self.image);
        settings.claim = intern(&self.claim);
        settings.headless = self.headless;
        settings.pod_dns = self.pod_dns();
        let by_name = settings.pod_dns;
        let converts = self.program == Program::Converter;
        for (index, client) in settings.clients.iter_mut().enumerate() {
            client.sends_convert = converts;
            // Clients address pods by name when pods have names; otherwise the Service.
            if !by_name {
                client.target = super::scenario::Target::Service;
            } else if matches!(client.target, super::scenario::Target::Service) {
                client.target = super::scenario::Target::Pod(u32::from(index == 2));
            }
        }
        settings
    }

    /// The link's `design=` value: fields joined by `~` (names are DNS labels, the image has
    /// no `~`), so nothing needs escaping.
    pub fn code(&self) -> String {
        let kind = match self.workload {
            WorkloadKind::Deployment => "d",
            WorkloadKind::StatefulSet => "s",
        };
        let program = match self.program {
            Program::Converter => "c",
            _ => "a",
        };
        let store = match self.store {
            TotalStore::EmptyDir => "e",
            TotalStore::SharedVolume => "v",
            TotalStore::OwnVolume => "o",
            _ => "m",
        };
        let access = match self.access_mode {
            AccessMode::ReadWriteOnce => "rwo",
            AccessMode::ReadWriteMany => "rwx",
            AccessMode::ReadWriteOncePod => "rwop",
        };
        let mut flags = String::new();
        for (on, letter) in [
            (self.lock, 'l'),
            (self.headless, 'h'),
            (self.session_affinity, 'a'),
            (self.pod_management == PodManagementPolicy::Parallel, 'p'),
            (self.claim_retention.delete_when_deleted, 'w'),
            (self.claim_retention.delete_when_scaled, 'x'),
            (self.publish_not_ready, 'n'),
        ] {
            if on {
                flags.push(letter);
            }
        }
        [
            kind,
            &self.app_name,
            &self.app_label,
            &self.service_name,
            &self.governing_service,
            &self.image,
            &self.replicas.to_string(),
            program,
            store,
            &self.claim,
            access,
            &flags,
            &self.update_strategy.code(),
        ]
        .join("~")
    }

    /// Reads `code`; `None` when any field is not one `code` writes.
    pub fn parse(code: &str) -> Option<Design> {
        let fields: Vec<&str> = code.split('~').collect();
        let [
            kind,
            app,
            label,
            service,
            governing,
            image,
            replicas,
            program,
            store,
            claim,
            access,
            flags,
            strategy,
        ] = fields[..]
        else {
            return None;
        };
        let name = |text: &str, empty_ok: bool| {
            let valid = (empty_ok || !text.is_empty())
                && text.len() <= NAME_MAX
                && text
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            valid.then(|| text.to_owned())
        };
        let design = Design {
            workload: match kind {
                "d" => WorkloadKind::Deployment,
                "s" => WorkloadKind::StatefulSet,
                _ => return None,
            },
            app_name: name(app, false)?,
            app_label: label_value(label)?,
            service_name: name(service, false)?,
            governing_service: name(governing, true)?,
            image: (image.len() <= 200
                && !image.is_empty()
                && image.bytes().all(|b| b.is_ascii_graphic()))
            .then(|| image.to_owned())?,
            replicas: replicas.parse().ok().filter(|&n| n <= REPLICAS_MAX)?,
            program: match program {
                "a" => Program::Adder,
                "c" => Program::Converter,
                _ => return None,
            },
            store: match store {
                "m" => TotalStore::Memory,
                "e" => TotalStore::EmptyDir,
                "v" => TotalStore::SharedVolume,
                "o" => TotalStore::OwnVolume,
                _ => return None,
            },
            claim: name(claim, true)?,
            access_mode: match access {
                "rwo" => AccessMode::ReadWriteOnce,
                "rwx" => AccessMode::ReadWriteMany,
                "rwop" => AccessMode::ReadWriteOncePod,
                _ => return None,
            },
            lock: flags.contains('l'),
            headless: flags.contains('h'),
            session_affinity: flags.contains('a'),
            pod_management: if flags.contains('p') {
                PodManagementPolicy::Parallel
            } else {
                PodManagementPolicy::OrderedReady
            },
            update_strategy: UpdateStrategy::from_code(strategy)?,
            claim_retention: ClaimRetention {
                delete_when_deleted: flags.contains('w'),
                delete_when_scaled: flags.contains('x'),
            },
            publish_not_ready: flags.contains('n'),
        };
        let stateful = design.workload == WorkloadKind::StatefulSet;
        let strategy_fits = design.update_strategy.fits(stateful);
        let consistent = strategy_fits
            && flags.chars().all(|c| "lhapwxn".contains(c))
            && (stateful || design.claim_retention == ClaimRetention::default())
            && (design.store == TotalStore::SharedVolume) != design.claim.is_empty()
            && (design.workload == WorkloadKind::StatefulSet
                || design.governing_service.is_empty())
            && !(design.store == TotalStore::OwnVolume
                && design.workload == WorkloadKind::Deployment)
            && (design.program == Program::Adder || design.store == TotalStore::Memory);
        consistent.then_some(design)
    }
}

/// A design as a link holds it: its code, as written, and what it reads as. A page that opens
/// a link writes the code back as it came (it never encodes a design: only `kubectl apply`
/// makes one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignCode {
    code: String,
    design: Design,
}

impl DesignCode {
    /// `None` when `code` is not a design's.
    pub fn read(code: &str) -> Option<Self> {
        Design::parse(code).map(|design| DesignCode {
            code: code.to_owned(),
            design,
        })
    }

    pub fn of(design: Design) -> Self {
        DesignCode {
            code: design.code(),
            design,
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn design(&self) -> &Design {
        &self.design
    }
}

/// A label value as the lab keeps it: a DNS label's characters, at most `NAME_MAX`.
fn label_value(text: &str) -> Option<String> {
    let valid = !text.is_empty()
        && text.len() <= NAME_MAX
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    valid.then(|| text.to_owned())
}

/// Distinct names a page may hold from designs: each is kept for the page's life (the
/// simulation's names are `&'static str`), so their number is bounded.
pub const INTERNED_MAX: usize = 512;

thread_local! {
    static INTERNED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The one `&'static str` for `text`: known names (those of the built-in scenes) and names
/// seen before are shared; a new one is kept, up to `INTERNED_MAX`, past which the text is
/// replaced by a fixed name (a page that opened hundreds of designs).
pub fn intern(text: &str) -> &'static str {
    INTERNED.with_borrow_mut(|table| {
        if let Some(found) = table.iter().find(|name| **name == text) {
            return *found;
        }
        if table.len() >= INTERNED_MAX {
            return "app";
        }
        let kept: &'static str = Box::leak(text.to_owned().into_boxed_str());
        table.push(kept);
        kept
    })
}
