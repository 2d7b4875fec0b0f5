//! The arrangement of panes: a binary tree of splits, the rectangles it yields, and the moves
//! a user makes on it (split, close, focus by direction, swap, resize, even out).

use ratatui::layout::Rect;

use crate::session::PaneId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Children side by side, split by a vertical line.
    Horizontal,
    /// Children stacked, split by a horizontal line.
    Vertical,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Leaf(PaneId),
    Split {
        axis: Axis,
        /// Share of the first child, in per mille.
        ratio: u16,
        first: Box<Node>,
        second: Box<Node>,
    },
}

const MIN_RATIO: u16 = 50;
const MAX_RATIO: u16 = 950;

impl Node {
    pub fn leaves(&self) -> Vec<PaneId> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves(&self, out: &mut Vec<PaneId>) {
        match self {
            Node::Leaf(id) => out.push(*id),
            Node::Split { first, second, .. } => {
                first.collect_leaves(out);
                second.collect_leaves(out);
            }
        }
    }

    /// Splits the leaf `target`, putting `new` after it along `axis`. Returns whether found.
    pub fn split(&mut self, target: PaneId, new: PaneId, axis: Axis) -> bool {
        match self {
            Node::Leaf(id) if *id == target => {
                *self = Node::Split {
                    axis,
                    ratio: 500,
                    first: Box::new(Node::Leaf(target)),
                    second: Box::new(Node::Leaf(new)),
                };
                true
            }
            Node::Leaf(_) => false,
            Node::Split { first, second, .. } => {
                first.split(target, new, axis) || second.split(target, new, axis)
            }
        }
    }

    /// Removes a leaf; its sibling takes the parent's place. Returns None when the tree is now
    /// empty (the leaf was the root).
    pub fn remove(self, target: PaneId) -> Option<Node> {
        match self {
            Node::Leaf(id) if id == target => None,
            Node::Leaf(_) => Some(self),
            Node::Split {
                axis,
                ratio,
                first,
                second,
            } => match (first.remove(target), second.remove(target)) {
                (Some(first), Some(second)) => Some(Node::Split {
                    axis,
                    ratio,
                    first: Box::new(first),
                    second: Box::new(second),
                }),
                (Some(only), None) | (None, Some(only)) => Some(only),
                (None, None) => None,
            },
        }
    }

    pub fn swap(&mut self, a: PaneId, b: PaneId) {
        match self {
            Node::Leaf(id) if *id == a => *id = b,
            Node::Leaf(id) if *id == b => *id = a,
            Node::Leaf(_) => {}
            Node::Split { first, second, .. } => {
                first.swap(a, b);
                second.swap(a, b);
            }
        }
    }

    /// The rectangle of every pane inside `area`.
    pub fn rects(&self, area: Rect) -> Vec<(PaneId, Rect)> {
        let mut out = Vec::new();
        self.collect_rects(area, &mut out);
        out
    }

    fn collect_rects(&self, area: Rect, out: &mut Vec<(PaneId, Rect)>) {
        match self {
            Node::Leaf(id) => out.push((*id, area)),
            Node::Split {
                axis,
                ratio,
                first,
                second,
            } => {
                let (a, b) = split_rect(area, *axis, *ratio);
                first.collect_rects(a, out);
                second.collect_rects(b, out);
            }
        }
    }

    /// Grows (or shrinks, with a negative step) the pane `target` towards `direction` by moving
    /// the nearest enclosing split on that axis. Returns whether a split moved.
    pub fn resize(&mut self, target: PaneId, direction: Direction, step: i32) -> bool {
        let axis = match direction {
            Direction::Left | Direction::Right => Axis::Horizontal,
            Direction::Up | Direction::Down => Axis::Vertical,
        };
        let toward_end = matches!(direction, Direction::Right | Direction::Down);
        self.move_divider(target, axis, if toward_end { step } else { -step })
    }

    fn move_divider(&mut self, target: PaneId, wanted: Axis, delta: i32) -> bool {
        let Node::Split {
            axis,
            ratio,
            first,
            second,
        } = self
        else {
            return false;
        };
        let in_first = first.contains(target);
        if !in_first && !second.contains(target) {
            return false;
        }
        let child = if in_first { first } else { second };
        if child.move_divider(target, wanted, delta) {
            return true;
        }
        if *axis != wanted {
            return false;
        }
        let moved = i32::from(*ratio) + delta;
        *ratio =
            u16::try_from(moved.clamp(i32::from(MIN_RATIO), i32::from(MAX_RATIO))).unwrap_or(500);
        true
    }

    pub fn contains(&self, target: PaneId) -> bool {
        match self {
            Node::Leaf(id) => *id == target,
            Node::Split { first, second, .. } => first.contains(target) || second.contains(target),
        }
    }

    /// Gives every pane in a run of same-axis splits an equal share.
    pub fn even_out(&mut self) {
        if let Node::Split {
            axis,
            ratio,
            first,
            second,
        } = self
        {
            let a = first.run_length(*axis);
            let b = second.run_length(*axis);
            *ratio = u16::try_from(1000 * a / (a + b)).unwrap_or(500);
            first.even_out();
            second.even_out();
        }
    }

    fn run_length(&self, along: Axis) -> u32 {
        match self {
            Node::Split {
                axis,
                first,
                second,
                ..
            } if *axis == along => first.run_length(along) + second.run_length(along),
            _ => 1,
        }
    }
}

fn split_rect(area: Rect, axis: Axis, ratio: u16) -> (Rect, Rect) {
    let total = match axis {
        Axis::Horizontal => area.width,
        Axis::Vertical => area.height,
    };
    let first = u16::try_from((u32::from(total) * u32::from(ratio) + 500) / 1000)
        .unwrap_or(total)
        .min(total);
    match axis {
        Axis::Horizontal => (
            Rect {
                width: first,
                ..area
            },
            Rect {
                x: area.x + first,
                width: total - first,
                ..area
            },
        ),
        Axis::Vertical => (
            Rect {
                height: first,
                ..area
            },
            Rect {
                y: area.y + first,
                height: total - first,
                ..area
            },
        ),
    }
}

/// The pane next to `from` in `direction`: among panes whose edge touches `from`'s edge and
/// that overlap it across the axis, the one with the largest overlap (then the top/left-most).
pub fn neighbour(rects: &[(PaneId, Rect)], from: PaneId, direction: Direction) -> Option<PaneId> {
    let (_, origin) = rects.iter().find(|(id, _)| *id == from)?;
    let overlap = |a0: u16, a1: u16, b0: u16, b1: u16| a1.min(b1).saturating_sub(a0.max(b0));
    rects
        .iter()
        .filter(|(id, _)| *id != from)
        .filter_map(|(id, r)| {
            let (touches, shared) = match direction {
                Direction::Left => (
                    r.right() == origin.x,
                    overlap(r.y, r.bottom(), origin.y, origin.bottom()),
                ),
                Direction::Right => (
                    r.x == origin.right(),
                    overlap(r.y, r.bottom(), origin.y, origin.bottom()),
                ),
                Direction::Up => (
                    r.bottom() == origin.y,
                    overlap(r.x, r.right(), origin.x, origin.right()),
                ),
                Direction::Down => (
                    r.y == origin.bottom(),
                    overlap(r.x, r.right(), origin.x, origin.right()),
                ),
            };
            (touches && shared > 0).then_some((*id, shared, r.y, r.x))
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(b.3.cmp(&a.3)))
        .map(|(id, ..)| id)
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
