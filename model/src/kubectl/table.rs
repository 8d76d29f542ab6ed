//! Columns as kubectl lays them out: Go's `text/tabwriter` with kubectl's settings (minimum cell
//! width 6, padding 3, spaces). Every cell but a row's last is padded to its column's width; the
//! last is written as it is.

const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

/// Rows of cells (the first is usually the header) as aligned text, one line per row.
pub fn tabulate<S: AsRef<str>>(rows: &[Vec<S>]) -> String {
    tabulate_padded(rows, MIN_WIDTH, PADDING)
}

/// The same with other tabwriter settings (`rollout history` and `describe` use a minimum
/// width of 0 and padding 2).
pub fn tabulate_padded<S: AsRef<str>>(rows: &[Vec<S>], min_width: usize, padding: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    // A column's width: its widest cell plus the padding, never below the minimum. tabwriter
    // aligns a column over the contiguous lines that have a cell there, which is every line
    // here, since each table's rows have the same cells.
    let widths: Vec<usize> = (0..columns.saturating_sub(1))
        .map(|column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.as_ref().chars().count() + padding)
                .fold(min_width, usize::max)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            let cell = cell.as_ref();
            text.push_str(cell);
            if column + 1 < row.len() {
                let width = widths.get(column).copied().unwrap_or(0);
                let pad = width.saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text.push('\n');
    }
    text
}

/// Text whose lines hold tab-separated cells, aligned as Go's `text/tabwriter` aligns it
/// (minimum width 0, the given padding): a column's width is set over each run of consecutive
/// lines that have a tab-terminated cell in it, so a line without tabs starts new runs. This is
/// how `kubectl describe` and `rollout history` lay out their text.
pub fn align_blocks(text: &str, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text
        .split_inclusive('\n')
        .map(|line| line.split('\t').collect())
        .collect();
    let mut widths = Vec::new();
    let mut out = String::new();
    format_block(&lines, &mut widths, padding, &mut out);
    out
}

fn format_block(lines: &[Vec<&str>], widths: &mut Vec<usize>, padding: usize, out: &mut String) {
    let column = widths.len();
    let mut start = 0;
    let mut index = 0;
    while index < lines.len() {
        // A line whose cell in this column is tab-terminated starts a block of that column.
        if lines[index].len() <= column + 1 {
            index += 1;
            continue;
        }
        write_lines(&lines[start..index], widths, out);
        let block_start = index;
        let mut width = 0;
        while index < lines.len() && lines[index].len() > column + 1 {
            width = width.max(lines[index][column].chars().count() + padding);
            index += 1;
        }
        widths.push(width);
        format_block(&lines[block_start..index], widths, padding, out);
        widths.pop();
        start = index;
    }
    write_lines(&lines[start..], widths, out);
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], out: &mut String) {
    for cells in lines {
        for (column, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if column + 1 < cells.len() {
                let width = widths.get(column).copied().unwrap_or(0);
                let pad = width.saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{align_blocks, tabulate};

    #[test]
    fn a_line_without_tabs_starts_new_columns_as_in_go() {
        let text = "Name:\tadder-0\nIP:\t10.244.1.2\nIPs:\n  IP:\t10.244.1.2\nControlled By:\tStatefulSet/adder\n";
        assert_eq!(
            align_blocks(text, 2),
            "Name:  adder-0\nIP:    10.244.1.2\nIPs:\n  IP:           10.244.1.2\nControlled By:  StatefulSet/adder\n"
        );
    }

    #[test]
    fn cells_are_padded_by_three_past_the_widest_and_at_least_to_six() {
        let rows = vec![
            vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            vec!["dnsutils", "1/1", "Running", "0", "2m27s"],
        ];
        assert_eq!(
            tabulate(&rows),
            "NAME       READY   STATUS    RESTARTS   AGE\n\
             dnsutils   1/1     Running   0          2m27s\n"
        );
        // A narrow column still takes six characters; an empty cell too.
        let rows = vec![vec!["A", "", "C"], vec!["", "B", ""]];
        assert_eq!(tabulate(&rows), "A           C\n      B     \n");
    }
}
