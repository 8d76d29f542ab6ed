//! Which lessons are done and which one is open, as query text: `lesson=headless&done=one-server.scale-out`.
//! The same text goes to localStorage when the browser has it, and into the page's URL when it
//! does not (a sandboxed iframe, storage switched off), so progress survives a reload either way.

use super::{LESSONS, find};
use crate::playground::{Link, LinkProblem};

/// Lessons done, by position in `LESSONS`. Fixed size: progress cannot grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    done: [bool; LESSONS.len()],
}

/// Where the learner is: the open lesson (if any) and what is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Saved {
    pub lesson: Option<usize>,
    pub progress: Progress,
}

impl Progress {
    pub fn is_done(&self, index: usize) -> bool {
        self.done.get(index).copied().unwrap_or(false)
    }

    pub fn mark_done(&mut self, index: usize) {
        if let Some(done) = self.done.get_mut(index) {
            *done = true;
        }
    }

    pub fn count(&self) -> usize {
        self.done.iter().filter(|done| **done).count()
    }

    /// Where "continue" leads: the first lesson not done yet (the last one when all are).
    pub fn next_lesson(&self) -> usize {
        self.done
            .iter()
            .position(|done| !done)
            .unwrap_or(LESSONS.len() - 1)
    }

    pub fn union(self, other: Progress) -> Progress {
        let mut done = self.done;
        for (mine, theirs) in done.iter_mut().zip(other.done) {
            *mine |= theirs;
        }
        Progress { done }
    }

    /// The done lessons' ids joined by `.` (empty when none is done).
    pub fn encode(&self) -> String {
        LESSONS
            .iter()
            .zip(self.done)
            .filter(|(_, done)| *done)
            .map(|(lesson, _)| lesson.id)
            .collect::<Vec<_>>()
            .join(".")
    }

    /// Reads `encode`'s text; ids it does not know are reported and skipped.
    pub fn parse(text: &str) -> (Progress, Vec<String>) {
        let mut progress = Progress::default();
        let mut problems = Vec::new();
        for id in text.split('.').filter(|id| !id.is_empty()) {
            match find(id) {
                Some(index) => progress.mark_done(index),
                None => problems.push(unknown(id)),
            }
        }
        (progress, problems)
    }
}

fn unknown(id: &str) -> String {
    format!(
        "There is no lesson \u{201c}{}\u{201d}; it was skipped.",
        id.chars().take(40).collect::<String>()
    )
}

impl Saved {
    /// Reads `lesson` and `done` from a query (other parameters are the playground's).
    pub fn parse(query: &str) -> (Saved, Vec<String>) {
        let mut saved = Saved::default();
        let mut problems = Vec::new();
        for (key, value) in query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
        {
            match key {
                "lesson" => match find(value) {
                    Some(index) => saved.lesson = Some(index),
                    None => problems.push(unknown(value)),
                },
                "done" => {
                    let (progress, mut more) = Progress::parse(value);
                    saved.progress = saved.progress.union(progress);
                    problems.append(&mut more);
                }
                _ => {}
            }
        }
        (saved, problems)
    }

    /// The lesson part of the page's URL: the open lesson, and the progress only when it cannot
    /// be kept in localStorage (a link then carries it).
    pub fn url_query(&self, stored: bool) -> String {
        if stored {
            Saved {
                lesson: self.lesson,
                progress: Progress::default(),
            }
            .to_query()
        } else {
            self.to_query()
        }
    }

    /// The text kept in localStorage.
    pub fn to_query(&self) -> String {
        let mut query = String::new();
        if let Some(index) = self.lesson {
            query = format!("lesson={}", LESSONS[index].id);
        }
        let done = self.progress.encode();
        if !done.is_empty() {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str("done=");
            query.push_str(&done);
        }
        query
    }
}

/// What the page opens with, from its URL and what localStorage held (`None`: no storage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// The URL's open lesson, with the progress of both.
    pub saved: Saved,
    /// The lesson open when progress was last stored (for "continue").
    pub resume: Option<usize>,
    pub lesson_problems: Vec<String>,
    /// The playground's scene: the URL's, or the lesson's when the URL names a lesson but no
    /// scene (`?lesson=headless`, as an embed snippet would).
    pub link: Link,
    pub link_problems: Vec<LinkProblem>,
    /// The URL names a playground scene (a copied playground link).
    pub scene_in_link: bool,
}

/// Where a page opened from a link should land: on what the link is about, not at the top of
/// the home page above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    /// Nothing in particular: the top of the page.
    Top,
    /// What the link got wrong about lessons.
    LessonProblems,
    /// What the link got wrong about the playground's scene.
    LinkProblems,
    /// The open lesson step.
    Lesson,
    /// The playground, playing the link's scene.
    Playground,
}

impl Opening {
    /// What the page shows first: a problem before anything else, then the lesson, then
    /// the scene.
    pub fn landing(&self) -> Landing {
        if !self.lesson_problems.is_empty() {
            Landing::LessonProblems
        } else if !self.link_problems.is_empty() {
            Landing::LinkProblems
        } else if self.saved.lesson.is_some() {
            Landing::Lesson
        } else if self.scene_in_link {
            Landing::Playground
        } else {
            Landing::Top
        }
    }

    pub fn read(query: &str, stored: Option<&str>) -> Opening {
        let (from_url, lesson_problems) = Saved::parse(query);
        // Stored text was written by this app; anything unreadable in it is simply dropped.
        let (from_storage, _) = Saved::parse(stored.unwrap_or_default());
        let has_scene = query
            .trim_start_matches('?')
            .split('&')
            .any(|pair| pair.starts_with("scenario="));
        let (link, link_problems) = match from_url.lesson {
            Some(index) if !has_scene => (LESSONS[index].link(), Vec::new()),
            _ => Link::parse(query),
        };
        Opening {
            saved: Saved {
                lesson: from_url.lesson,
                progress: from_url.progress.union(from_storage.progress),
            },
            resume: from_storage.lesson,
            lesson_problems,
            link,
            link_problems,
            scene_in_link: has_scene,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_lands_on_what_it_is_about() {
        let landing = |query: &str| Opening::read(query, None).landing();
        assert_eq!(landing(""), Landing::Top);
        assert_eq!(
            landing("scenario=adder-memory&seed=2&actions=100.n.2&v=1"),
            Landing::Playground
        );
        assert_eq!(landing("lesson=headless"), Landing::Lesson);
        assert_eq!(landing("scenario=bogus"), Landing::LinkProblems);
        assert_eq!(landing("lesson=nope"), Landing::LessonProblems);
        // Progress alone is no destination.
        assert_eq!(landing("done=one-server"), Landing::Top);
    }

    #[test]
    fn round_trips_and_reports_unknown_ids() {
        let mut saved = Saved {
            lesson: find("headless"),
            progress: Progress::default(),
        };
        saved.progress.mark_done(0);
        saved.progress.mark_done(find("identity").unwrap());
        let text = saved.to_query();
        assert_eq!(text, "lesson=headless&done=one-server.identity");
        assert_eq!(Saved::parse(&text), (saved, vec![]));
        assert_eq!(saved.url_query(false), text);
        assert_eq!(saved.url_query(true), "lesson=headless");

        let (read, problems) = Saved::parse("?scenario=x&lesson=nope&done=one-server..zzz");
        assert_eq!(read.lesson, None);
        assert!(read.progress.is_done(0));
        assert_eq!(read.progress.count(), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("\u{201c}nope\u{201d}"));
    }

    #[test]
    fn opening_combines_url_and_storage_and_loads_a_lesson_scene() {
        let opening = Opening::read(
            "?embed=1&lesson=headless",
            Some("lesson=identity&done=no-lock"),
        );
        assert_eq!(opening.saved.lesson, find("headless"));
        assert_eq!(opening.resume, find("identity"));
        assert!(opening.saved.progress.is_done(find("no-lock").unwrap()));
        assert_eq!(opening.link, LESSONS[find("headless").unwrap()].link());

        // A scene in the URL wins: it may hold the learner's own actions.
        let opening = Opening::read("lesson=headless&scenario=three-tier&seed=4", None);
        assert_eq!(
            opening.link,
            Link::new(crate::sim::ScenarioId::ThreeTier, 4)
        );
        assert_eq!(opening.resume, None);

        let opening = Opening::read("lesson=x&scenario=y", Some("garbage&&="));
        assert_eq!(opening.lesson_problems.len(), 1);
        assert_eq!(opening.link_problems.len(), 1);
        assert_eq!(opening.saved, Saved::default());
    }

    #[test]
    fn next_lesson_is_the_first_not_done() {
        let mut progress = Progress::default();
        assert_eq!(progress.next_lesson(), 0);
        progress.mark_done(0);
        progress.mark_done(2);
        assert_eq!(progress.next_lesson(), 1);
        for index in 0..LESSONS.len() + 3 {
            progress.mark_done(index);
        }
        assert_eq!(progress.count(), LESSONS.len());
        assert_eq!(progress.next_lesson(), LESSONS.len() - 1);
        assert_eq!(Saved::default().to_query(), "");
    }
}
