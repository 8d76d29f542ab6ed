//! The terminal's own copy of the playground's run, kept in step through the run's link: the
//! terminal runs in a worker (its printers and parsers stay out of the page's first load), and
//! the simulation is deterministic, so the link and a moment rebuild exactly the world the
//! scene shows. The page sends `request(query, at_ms, line)`; the worker answers with `handle`,
//! whose reply the page reads with `read_reply`: the actions the line asks for, as the link
//! encodes them, one per line behind `ACTION`, then the text to print.

use super::apply::{FILE_NAME, Files};
use super::complete::complete;
use super::run_with;
use crate::manifest::tree::Parse;
use crate::playground::Playground;
use crate::playground::link::{Link, decode_action, encode};
use crate::playground::manifests::{for_real_cluster, manifests};
use crate::sim::{Command, World};

/// What starts a reply's line that holds an action rather than text.
const ACTION: char = '\u{1}';
/// What starts a request for Tab completion, and its reply.
pub const COMPLETION: char = '\u{2}';
/// A reply's line saying the line's request is on its way: ask for its answer
/// (`answer_request`) once the actions are applied.
const AWAITS_ANSWER: char = '\u{3}';
/// What starts the reply to an `answer_request`: the answer's text, or nothing yet.
pub const ANSWER: char = '\u{5}';

/// A reply's line saying the line opens the YAML panel's editor (`kubectl edit`).
const OPENS_EDITOR: char = '\u{7}';
/// What starts a request for the scene's YAML (the YAML panel), and its reply.
pub const MANIFESTS: char = '\u{9}';
/// In the reply to a manifests request, what separates the lab's YAML from the real cluster's.
const FOR_REAL_CLUSTER: char = '\u{b}';

/// The reply to a `manifests_request`: the YAML panel's text and the real cluster's download.
pub fn read_manifests_reply(reply: &str) -> Option<(&str, &str)> {
    reply.strip_prefix(MANIFESTS)?.split_once(FOR_REAL_CLUSTER)
}

/// A reply's line holding the query of a run to load in place of the scene's.
const LOADS: char = '\u{8}';
/// What follows a line in a request when the editor's file goes with it.
const FILE: char = '\u{6}';

/// What the worker says once it listens (messages sent before would be lost).
pub const READY: &str = "\u{0}ready";

/// One message from the page: the moment the scene shows, the run's link, the typed line.
pub fn request(query: &str, at_ms: u64, line: &str) -> String {
    format!("{at_ms}\n{query}\n{line}")
}

/// A `request` that carries the editor's text, for `kubectl apply -f adder.yaml`.
pub fn request_with_file(query: &str, at_ms: u64, line: &str, file: &str) -> String {
    format!("{}\n{FILE}{file}", request(query, at_ms, line))
}

/// Asks for the scene's YAML at a moment (answered by `MANIFESTS` and the YAML).
pub fn manifests_request(query: &str, at_ms: u64) -> String {
    format!("{MANIFESTS}{}", request(query, at_ms, ""))
}

/// Asks for what a `curl` line prints once its request is through, on the run that now holds it.
pub fn answer_request(query: &str, at_ms: u64, line: &str) -> String {
    format!("{AWAITS_ANSWER}{}", request(query, at_ms, line))
}

/// Asks what Tab makes of `line` (answered by a `Completed` reply).
pub fn completion_request(query: &str, at_ms: u64, line: &str) -> String {
    format!("{COMPLETION}{}", request(query, at_ms, line))
}

/// A completion's reply, read: the line it was asked for, the line after Tab, what to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    pub asked: String,
    pub line: String,
    pub listed: Vec<String>,
}

impl Completed {
    /// `None` when `reply` is not a completion's.
    pub fn read(reply: &str) -> Option<Completed> {
        let mut parts = reply.strip_prefix(COMPLETION)?.split('\n');
        let asked = parts.next()?.to_owned();
        let line = parts.next()?.to_owned();
        let listed = parts.map(str::to_owned).collect();
        Some(Completed {
            asked,
            line,
            listed,
        })
    }
}

#[derive(Default)]
pub struct Replica {
    query: String,
    playground: Option<Playground>,
    /// The YAML parser `kubectl apply` reads the editor's file with (the worker's crate).
    parse: Option<Parse>,
}

impl Replica {
    pub fn with_parser(parse: Parse) -> Self {
        Replica {
            parse: Some(parse),
            ..Replica::default()
        }
    }

    /// The world of `query`'s run at `at_ms`. A link that continues the one held (more actions,
    /// none before the copy's moment) is adopted in place; any other starts the run again.
    pub fn world_at(&mut self, query: &str, at_ms: u64) -> &World {
        if self.query != query || self.playground.is_none() {
            let (link, _) = Link::parse(query);
            let adopted = self
                .playground
                .as_mut()
                .is_some_and(|playground| playground.adopt(link.clone()));
            if !adopted {
                self.playground = Some(Playground::from_link(link));
            }
            self.query = query.to_owned();
        }
        let playground = self
            .playground
            .get_or_insert_with(|| Playground::from_link(Link::parse(query).0));
        if at_ms >= playground.world().now_ms() {
            playground.advance_to(at_ms);
        } else {
            playground.seek_ms(at_ms);
        }
        playground.world()
    }

    /// Answers one `request`: the actions the line stands for, then what the terminal prints;
    /// or, for a `completion_request`, the completed line.
    pub fn handle(&mut self, request: &str) -> String {
        let completing = request.strip_prefix(COMPLETION);
        let answering = request.strip_prefix(AWAITS_ANSWER);
        let yaml = request.strip_prefix(MANIFESTS);
        let mut parts = completing
            .or(answering)
            .or(yaml)
            .unwrap_or(request)
            .splitn(3, '\n');
        let at_ms = parts.next().and_then(|ms| ms.parse().ok()).unwrap_or(0);
        let query = parts.next().unwrap_or("");
        // A line is one line: what a paste brought after a newline is not part of it. The
        // editor's file, when sent, follows it behind `FILE`.
        let rest = parts.next().unwrap_or("");
        let (line, file) = match rest.split_once(&format!("\n{FILE}")) {
            Some((line, file)) => (line, Some(file)),
            None => (rest, None),
        };
        if yaml.is_some() {
            let world = self.world_at(query, at_ms);
            return format!(
                "{MANIFESTS}{}{FOR_REAL_CLUSTER}{}",
                manifests(world),
                for_real_cluster(world)
            );
        }
        if completing.is_some() {
            let line = line.lines().next().unwrap_or("");
            let done = complete(line, self.world_at(query, at_ms));
            let mut reply = format!("{COMPLETION}{line}\n{}", done.line);
            for listed in done.listed {
                reply.push('\n');
                reply.push_str(&listed);
            }
            return reply;
        }
        if answering.is_some() {
            let answer = super::curl::answer(self.world_at(query, at_ms), line);
            return format!("{ANSWER}{}", answer.unwrap_or_default());
        }
        // adder.yaml is the editor's text, or the scene's YAML while the editor is closed.
        let parse = self.parse;
        let world = self.world_at(query, at_ms);
        let scene_yaml;
        let text = match file {
            Some(text) => text,
            None if line.contains(FILE_NAME) => {
                scene_yaml = manifests(world);
                &scene_yaml
            }
            None => "",
        };
        let files = Files {
            name: FILE_NAME,
            text,
            parse,
        };
        let output = run_with(line, world, &files);
        let mut reply: String = output
            .actions
            .iter()
            .map(|action| format!("{ACTION}{}\n", encode(action)))
            .collect();
        if let Some(query) = &output.loads {
            reply.push(LOADS);
            reply.push_str(query);
            reply.push('\n');
        }
        if output.opens_editor {
            reply.push(OPENS_EDITOR);
            reply.push('\n');
        }
        if output.awaits_answer {
            reply.push(AWAITS_ANSWER);
            reply.push('\n');
        }
        reply.push_str(&output.text);
        reply
    }
}

/// A reply, read: the actions it asks for (the ones the page can read), whether the line's
/// answer is still to come (ask for it with `answer_request`), and the text to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply<'a> {
    pub actions: Vec<Command>,
    pub awaits_answer: bool,
    pub opens_editor: bool,
    /// The query of a run the page loads in place of its own.
    pub loads: Option<&'a str>,
    pub text: &'a str,
}

pub fn read_reply(reply: &str) -> Reply<'_> {
    let mut actions = Vec::new();
    let mut text = reply;
    while let Some(rest) = text.strip_prefix(ACTION) {
        let (code, after) = rest.split_once('\n').unwrap_or((rest, ""));
        actions.extend(decode_action(code));
        text = after;
    }
    let mut loads = None;
    if let Some(rest) = text.strip_prefix(LOADS) {
        let (query, after) = rest.split_once('\n').unwrap_or((rest, ""));
        loads = Some(query);
        text = after;
    }
    let opens_editor = text.strip_prefix(OPENS_EDITOR);
    if let Some(rest) = opens_editor {
        text = rest.strip_prefix('\n').unwrap_or(rest);
    }
    let awaits = text.strip_prefix(AWAITS_ANSWER);
    if let Some(rest) = awaits {
        text = rest.strip_prefix('\n').unwrap_or(rest);
    }
    Reply {
        actions,
        awaits_answer: awaits.is_some(),
        opens_editor: opens_editor.is_some(),
        loads,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::{Completed, Replica, Reply, completion_request, read_reply, request};
    use crate::playground::Playground;
    use crate::sim::{Command, ScenarioId};

    #[test]
    fn the_copy_reads_what_the_scene_shows_as_the_run_goes_on_and_back() {
        let mut scene = Playground::new(ScenarioId::StatefulSetHeadless, 4);
        let mut replica = Replica::default();
        let check = |scene: &Playground, replica: &mut Replica| {
            let query = scene.link().to_query();
            let now_ms = scene.world().now_ms();
            assert_eq!(
                replica.world_at(&query, now_ms).digest(),
                scene.world().digest(),
                "at {now_ms} ms of {query}"
            );
        };
        for step_ms in [250, 4_000, 30_000] {
            let until = scene.world().now_ms() + step_ms;
            scene.advance_to(until);
            check(&scene, &mut replica);
        }
        scene
            .command(Command::DeletePod {
                name: "adder-1".to_owned(),
            })
            .unwrap();
        check(&scene, &mut replica);
        scene.advance_to(60_000);
        check(&scene, &mut replica);
        // Back in time, then acting there: a fork the copy must follow too.
        scene.seek_ms(20_000);
        check(&scene, &mut replica);
        scene.command(Command::Scale { replicas: 5 }).unwrap();
        scene.advance_to(45_000);
        check(&scene, &mut replica);
        let text = replica.handle(&request(
            &scene.link().to_query(),
            45_000,
            "kubectl get sts",
        ));
        assert!(text.contains("adder   5/5"), "{text}");
        // A changing command's reply carries its actions ahead of the text.
        let reply = replica.handle(&request(
            &scene.link().to_query(),
            45_000,
            "kubectl delete pod adder-1 adder-2 --grace-period=7",
        ));
        let Reply { actions, text, .. } = read_reply(&reply);
        assert_eq!(
            actions,
            ["adder-1", "adder-2"].map(|name| Command::DeletePodWithGrace {
                name: name.to_owned(),
                grace_period_s: 7
            })
        );
        assert_eq!(
            text,
            "pod \"adder-1\" deleted from default namespace\npod \"adder-2\" deleted from default namespace\n"
        );
        assert_eq!(
            read_reply("no actions\n"),
            Reply {
                actions: Vec::new(),
                awaits_answer: false,
                opens_editor: false,
                loads: None,
                text: "no actions\n"
            }
        );
        let reply = replica.handle(&completion_request(
            &scene.link().to_query(),
            45_000,
            "kubectl get po adder-",
        ));
        assert_eq!(
            Completed::read(&reply),
            Some(Completed {
                asked: "kubectl get po adder-".to_owned(),
                line: "kubectl get po adder-".to_owned(),
                listed: (0..5).map(|ordinal| format!("adder-{ordinal}")).collect(),
            })
        );
        assert_eq!(Completed::read("text"), None);
    }
}
