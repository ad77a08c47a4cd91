//! The width an element has on the page, so a chart can be laid out in real pixels (its text
//! then stays 12 px at 360 px wide instead of shrinking with a scaled drawing).

use leptos::html::Div;
use leptos::prelude::*;

/// When [`use_client_width`] first measures.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Measure {
    /// In the next frame's animation callback, with the layout that frame does anyway: for
    /// a page's first draw, which replaces the static page and has more to do besides.
    NextFrame,
    /// As soon as the element is in the document, forcing the layout the coming frame would
    /// do: what is drawn from the width then shows in that frame, not one frame later (a
    /// page the reader moved to within the app, whose swap may itself run in a frame's
    /// animation callback).
    AtOnce,
}

/// The content width of `node` in CSS pixels once it is in the document, kept up to date as
/// the window is resized; `None` until it is first measured.
pub fn use_client_width(node: NodeRef<Div>, first: Measure) -> ReadSignal<Option<f64>> {
    let (width, set_width) = signal(None::<f64>);
    // 0 while the element is not in the document yet (a view can be built before it is
    // inserted): then the next frame tries again.
    fn measure(
        node: NodeRef<Div>,
        width: ReadSignal<Option<f64>>,
        set: WriteSignal<Option<f64>>,
        tries: u8,
    ) {
        let Some(el) = node.get_untracked() else {
            return;
        };
        let w = f64::from(el.client_width());
        if w > 0.0 {
            if width.try_get_untracked().flatten() != Some(w) {
                set.try_set(Some(w));
            }
        } else if tries > 0 {
            request_animation_frame(move || measure(node, width, set, tries - 1));
        }
    }
    // Measured in the next frame's animation callback, not now: a read now would force a
    // layout in the middle of drawing the page (18 ms on an actor page's first draw), while
    // in the callback it is the layout that frame does anyway, before it paints.
    Effect::new(move |_| {
        if node.get().is_some() {
            match first {
                Measure::NextFrame => {
                    request_animation_frame(move || measure(node, width, set_width, 30))
                }
                Measure::AtOnce => measure(node, width, set_width, 30),
            }
        }
    });
    // Natively (drawn at build time) there is no window and the width stays unknown.
    #[cfg(target_arch = "wasm32")]
    {
        let handle = window_event_listener(leptos::ev::resize, move |_| {
            measure(node, width, set_width, 0)
        });
        on_cleanup(move || handle.remove());
    }
    width
}
