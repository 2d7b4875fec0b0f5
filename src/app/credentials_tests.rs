//! The credentials panel on the app: keys in, worker jobs out, news shown, reveals expire.

use std::time::{Duration, Instant};

use super::*;
use crate::app::tests::{app, keys};
use crate::credentials::worker::{Job, News};
use crate::credentials::{ExposeSecret as _, Kind, Meta, RotationState, RotationStatus};

fn jobs(app: &mut App) -> Vec<String> {
    app.take_effects()
        .iter()
        .filter_map(|e| match e {
            Effect::Credentials(job) => Some(format!("{job:?}")),
            _ => None,
        })
        .collect()
}

fn listed(names: &[&str]) -> News {
    let rows = names
        .iter()
        .map(|name| {
            let meta = Meta {
                name: name.to_string(),
                kind: Kind::Token,
                service: "github".into(),
                description: String::new(),
                store: "keyring".into(),
                created_ms: 0,
                rotated_ms: 0,
                rotation_days: 30,
                last_used_ms: None,
            };
            let status = RotationStatus {
                name: name.to_string(),
                due_ms: 0,
                days_left: 3,
                state: RotationState::DueSoon,
            };
            (meta, status)
        })
        .collect();
    News::Listed {
        store: "keyring".into(),
        rows,
        audit: Vec::new(),
    }
}

#[test]
fn the_panel_opens_focused_and_asks_for_the_list() {
    let mut app = app();
    keys(&mut app, "C-Space s");
    assert!(app
        .panels
        .panels
        .contains(&crate::panel::PanelKind::Credentials));
    assert_eq!(app.mode, Mode::Credentials);
    assert_eq!(jobs(&mut app), ["Refresh"]);
    keys(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.panels.focused, None);
    keys(&mut app, "C-Space s");
    assert!(!app
        .panels
        .panels
        .contains(&crate::panel::PanelKind::Credentials));
}

#[test]
fn reveal_shows_the_value_until_its_time_is_up() {
    let mut app = app();
    keys(&mut app, "C-Space s");
    app.update(crate::event::Event::Credentials(listed(&["a", "b"])));
    keys(&mut app, "Down Enter");
    assert_eq!(jobs(&mut app), ["Refresh", "Reveal(b)"]);
    let now = Instant::now();
    app.on_credentials_news(
        News::Revealed {
            name: "b".into(),
            value: "s3cret".into(),
        },
        now,
    );
    let revealed = app.credentials.revealed.as_ref().expect("revealed");
    assert_eq!(revealed.value.expose_secret(), "s3cret");
    let until = app.next_deadline().expect("a deadline");
    assert_eq!(until, now + Duration::from_secs(10));
    app.tick(until - Duration::from_millis(1));
    assert!(app.credentials.revealed.is_some());
    app.tick(until);
    assert!(app.credentials.revealed.is_none());
    assert_eq!(app.next_deadline(), None);
}

#[test]
fn the_form_stores_a_new_credential_without_showing_or_logging_its_value() {
    let mut app = app();
    keys(&mut app, "C-Space s");
    jobs(&mut app);
    keys(&mut app, "n a p i Tab Right Tab g h Tab Tab");
    app.update(crate::event::Event::Terminal(
        crossterm::event::Event::Paste("hunter2-value".into()),
    ));
    let Mode::CredentialForm(form) = &app.mode else {
        panic!("in the form: {:?}", app.mode)
    };
    assert_eq!(form.kind(), Kind::Token);
    assert!(!format!("{:?}", app.mode).contains("hunter2"));
    keys(&mut app, "Enter");
    assert_eq!(app.mode, Mode::Credentials);
    let effects = app.take_effects();
    let Some(Effect::Credentials(Job::Store { new, value })) = effects.first() else {
        panic!("a store job: {effects:?}")
    };
    assert_eq!((new.name.as_str(), new.service.as_str()), ("api", "gh"));
    assert_eq!(new.kind, Kind::Token);
    assert_eq!(value.expose_secret(), "hunter2-value");
    assert!(!format!("{effects:?}").contains("hunter2"));
}

#[test]
fn an_invalid_form_stays_open_and_delete_asks_first() {
    let mut app = app();
    keys(&mut app, "C-Space s n Enter");
    assert!(matches!(app.mode, Mode::CredentialForm(_)));
    keys(&mut app, "Esc");
    app.update(crate::event::Event::Credentials(listed(&["a"])));
    jobs(&mut app);
    keys(&mut app, "d n");
    assert_eq!(app.mode, Mode::Credentials);
    assert!(jobs(&mut app).is_empty());
    keys(&mut app, "d y");
    assert_eq!(jobs(&mut app), ["Delete(a)"]);
}
