//! Tests of the split tree: rectangles, focus by direction, resize, even out.

use super::*;

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 100,
    height: 40,
};

/// 1 | 2 over 3
fn three_panes() -> Node {
    let mut tree = Node::Leaf(1);
    assert!(tree.split(1, 2, Axis::Horizontal));
    assert!(tree.split(2, 3, Axis::Vertical));
    tree
}

fn rect_of(tree: &Node, id: PaneId) -> Rect {
    tree.rects(AREA)
        .into_iter()
        .find(|(pane, _)| *pane == id)
        .map(|(_, rect)| rect)
        .expect("pane is in the layout")
}

#[test]
fn splits_share_the_area_exactly() {
    let tree = three_panes();
    assert_eq!(rect_of(&tree, 1), Rect::new(0, 0, 50, 40));
    assert_eq!(rect_of(&tree, 2), Rect::new(50, 0, 50, 20));
    assert_eq!(rect_of(&tree, 3), Rect::new(50, 20, 50, 20));
    let odd = Rect::new(0, 0, 7, 3);
    let total: u32 = tree.rects(odd).iter().map(|(_, r)| r.area()).sum();
    assert_eq!(total, odd.area());
}

#[test]
fn focus_moves_by_direction() {
    let tree = three_panes();
    let rects = tree.rects(AREA);
    let cases = [
        (1, Direction::Right, Some(2)),
        (1, Direction::Left, None),
        (2, Direction::Down, Some(3)),
        (3, Direction::Up, Some(2)),
        (3, Direction::Left, Some(1)),
        (2, Direction::Left, Some(1)),
        (1, Direction::Up, None),
    ];
    for (from, direction, expected) in cases {
        assert_eq!(
            neighbour(&rects, from, direction),
            expected,
            "{from} {direction:?}"
        );
    }
}

#[test]
fn removing_a_pane_gives_its_space_to_the_sibling() {
    let tree = three_panes().remove(2).expect("two panes remain");
    assert_eq!(tree.leaves(), vec![1, 3]);
    assert_eq!(rect_of(&tree, 3), Rect::new(50, 0, 50, 40));
    let tree = tree.remove(1).expect("one pane remains");
    assert_eq!(tree, Node::Leaf(3));
    assert_eq!(tree.remove(3), None);
}

#[test]
fn resize_moves_the_nearest_split_on_that_axis() {
    let mut tree = three_panes();
    assert!(tree.resize(3, Direction::Up, 100));
    assert_eq!(rect_of(&tree, 3).height, 24);
    assert!(tree.resize(3, Direction::Left, 100));
    assert_eq!(rect_of(&tree, 1).width, 40);
    for _ in 0..20 {
        tree.resize(1, Direction::Right, 100);
    }
    assert_eq!(rect_of(&tree, 1).width, 95, "clamped");
    let mut single = Node::Leaf(1);
    assert!(!single.resize(1, Direction::Left, 100));
}

#[test]
fn even_out_gives_equal_shares_along_a_run() {
    let mut tree = Node::Leaf(1);
    tree.split(1, 2, Axis::Horizontal);
    tree.split(2, 3, Axis::Horizontal);
    tree.resize(1, Direction::Right, 300);
    tree.even_out();
    let widths: Vec<u16> = tree
        .rects(Rect::new(0, 0, 99, 10))
        .iter()
        .map(|(_, r)| r.width)
        .collect();
    assert_eq!(widths, vec![33, 33, 33]);
}

#[test]
fn swap_exchanges_places() {
    let mut tree = three_panes();
    tree.swap(1, 3);
    assert_eq!(tree.leaves(), vec![3, 2, 1]);
}
