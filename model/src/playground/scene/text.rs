//! How wide a line of scene text is, and the longest form of a pod name that fits its box.
//! The layout is made for the CSS pixels of the box the scene is drawn in, so a text's room
//! is known in pixels; the widths here are DejaVu Sans's (Linux's usual `system-ui`), wider
//! than the faces other systems pick, so what fits here fits there too.

/// Advance widths of ASCII 32..=126 in hundredths of an em (DejaVu Sans Book, then Bold:
/// CSS weights 600 and 700 both pick Bold). Measured in Chromium.
const REGULAR: [u8; 95] = [
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 34, 34, 84, 84, 84, 53, 100, 71, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75,
    79, 60, 79, 69, 63, 59, 73, 68, 99, 68, 61, 68, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 34,
    63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 40, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];
const BOLD: [u8; 95] = [
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 41, 38, 37, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 99,
    84, 85, 73, 85, 77, 68, 70, 81, 77, 110, 77, 72, 72, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72,
    68, 40, 72, 71, 34, 34, 66, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 64, 65, 58, 71,
    37, 71, 84,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// The width of `text` in pixels at `size_px`. Characters outside ASCII count as an em
/// (the arrows and the ellipsis the scene uses are narrower).
pub fn width_px(text: &str, size_px: f64, face: Face) -> f64 {
    let table = match face {
        Face::Regular => &REGULAR,
        Face::Bold => &BOLD,
    };
    let hundredths: u32 = text
        .chars()
        .map(|c| {
            (c as usize)
                .checked_sub(32)
                .and_then(|index| table.get(index))
                .map_or(100, |&width| u32::from(width))
        })
        .sum();
    f64::from(hundredths) * size_px / 100.0
}

/// The first of `candidates` that fits `room_px`, else the last. (A slice, not a generic
/// iterator: one copy of this in the page's wasm.)
pub fn first_that_fits(candidates: &[&str], room_px: f64, size_px: f64, face: Face) -> String {
    let fits = |text: &&&str| width_px(text, size_px, face) <= room_px;
    let found = candidates.iter().find(fits).or(candidates.last());
    found.map_or_else(String::new, |text| (*text).to_owned())
}

/// A pod name that fits `room_px` in bold at `size_px`. A generated name
/// (`adder-87d9d84c4-xstnx`: Deployment, pod-template-hash, random suffix) keeps its
/// Deployment and its suffix, which tell pods apart, and as much of the hash as fits
/// (`adder-87d…-xstnx`, then `adder-…-xstnx`); then the front is cut (`conver…-xstnx`).
/// A StatefulSet's `adder-0` always fits. The full name is in the pod's tooltip and in the
/// run's details. Names are ASCII (DNS labels); anything else is cut only where it may be.
pub fn fit_pod_name(name: &str, room_px: f64, size_px: f64) -> String {
    let width = |text: &str| width_px(text, size_px, Face::Bold);
    if width(name) <= room_px {
        return name.to_owned();
    }
    // Split at the last `-` by hand: `rsplit_once` costs the page's wasm half a kilobyte.
    let last_dash = |text: &str| text.bytes().rposition(|byte| byte == b'-');
    let (head, suffix) = match last_dash(name) {
        Some(at) => (&name[..at], &name[at + 1..]),
        None => ("", name),
    };
    let tail = format!("\u{2026}-{suffix}");
    // The longest front of `head` (at least `keep_min` bytes) that fits before the tail.
    let front = |head: &str, keep_min: usize| {
        let room = room_px - width(&tail);
        (keep_min..head.len())
            .rev()
            .filter(|&keep| head.is_char_boundary(keep))
            .find(|&keep| width(&head[..keep]) <= room)
            .map(|keep| format!("{}{tail}", &head[..keep]))
    };
    // `adder-87d9d84c4` → `adder-87d…`, down to `adder-…`; then `adde…`.
    let workload = last_dash(head).map_or(0, |at| at + 1);
    front(head, workload)
        .or_else(|| front(head, 1))
        .unwrap_or_else(|| format!("\u{2026}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_add_up_per_character() {
        assert_eq!(width_px("", 10.0, Face::Regular), 0.0);
        // Measured in Chromium: 91 px and 147 px.
        assert!((width_px("ContainerCreating", 10.0, Face::Regular) - 91.0).abs() < 1.0);
        assert!((width_px("adder-87d9d84c4-xstnx", 11.0, Face::Bold) - 147.0).abs() < 1.5);
        assert_eq!(width_px("\u{2192}", 10.0, Face::Bold), 10.0);
    }

    #[test]
    fn a_generated_name_keeps_its_deployment_and_suffix_as_long_as_it_can() {
        let name = "adder-87d9d84c4-xstnx";
        assert_eq!(fit_pod_name(name, 200.0, 11.0), name);
        assert_eq!(fit_pod_name(name, 110.0, 11.0), "adder-87\u{2026}-xstnx");
        assert_eq!(fit_pod_name(name, 84.0, 10.0), "adder-\u{2026}-xstnx");
        let converter = fit_pod_name("converter-5f7b9c8d4-abcde", 92.0, 10.0);
        assert_eq!(converter, "convert\u{2026}-abcde");
        assert!(converter.ends_with("\u{2026}-abcde") && converter.starts_with("conv"));
        assert!(width_px(&converter, 10.0, Face::Bold) <= 92.0);
        assert_eq!(fit_pod_name("adder-0", 50.0, 10.0), "adder-0");
    }

    #[test]
    fn every_fitted_name_fits_or_is_the_shortest_form() {
        for room in 20..160 {
            let room = f64::from(room);
            let fitted = fit_pod_name("converter-5f7b9c8d4-abcde", room, 10.0);
            assert!(
                width_px(&fitted, 10.0, Face::Bold) <= room || fitted == "\u{2026}abcde",
                "{room}: {fitted}"
            );
        }
    }
}
