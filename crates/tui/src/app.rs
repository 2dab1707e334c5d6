//! The model: every task assessed as of the day, the filters, the selection,
//! the open overlay, and what the detail pane shows.

use crate::form::Form;
use crate::keymap::Mode;
use crate::picker::Picker;
use chrono::NaiveDate;
use sauro_core::{
    AgencyStats, AssessedTask, DependencyGraph, Directive, Lang, Registry, Status, fold,
};
use sauro_store::{HistoryEntry, Note, TaskFilter, TaskRow, TaskStore};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::mpsc::Sender;

/// A task as the UI shows it: the core's [`AssessedTask`] (the task, its
/// blockers, status, gaps and day as of the day) plus what only the UI
/// keeps: the directive file's note and deadline, and the search text.
#[derive(Debug, Clone)]
pub struct TaskItem {
    /// The task assessed as of the day.
    pub assessed: AssessedTask,
    /// The note of the directive file alone.
    pub file_note: Option<String>,
    /// The deadline as the directive file words it (the original deadline
    /// of a task extended in sauro).
    pub file_deadline: Option<String>,
    /// Folded id, title, product and agency names, for search.
    pub search: String,
    /// The task's version as read (a change made from this screen passes it).
    pub version: Option<sauro_store::Version>,
}

impl std::ops::Deref for TaskItem {
    type Target = AssessedTask;
    fn deref(&self) -> &AssessedTask {
        &self.assessed
    }
}

impl TaskItem {
    fn new(row: TaskRow, registry: &Registry, as_of: NaiveDate, due_soon_days: i64) -> TaskItem {
        // The store keeps each task's folded search text (written at import),
        // the same text `sauro list --search` looks in.
        let search = row
            .search_text
            .unwrap_or_else(|| fold(&format!("{} {}", row.task.id, row.task.title)));
        TaskItem {
            assessed: AssessedTask::new(row.task, row.blocked_by, registry, as_of, due_soon_days),
            file_note: row.file_note,
            file_deadline: row.file_deadline,
            search,
            version: row.version,
        }
    }
}

/// Everything loaded from the database at once; built off the UI thread.
#[derive(Debug)]
pub struct Snapshot {
    registry: Registry,
    directives: Vec<Directive>,
    /// Every task assessed, in action order.
    items: Vec<TaskItem>,
    index: HashMap<String, usize>,
    graph: DependencyGraph,
    agencies: Vec<AgencyStats>,
    /// True for the quick first screenful that precedes the full load.
    partial: bool,
}

impl Snapshot {
    /// Reads every task as of a day.
    ///
    /// # Errors
    /// Database failures.
    /// Everything is assessed, sorted and indexed here, so the UI thread
    /// only swaps it in: at 100k tasks this is most of the load.
    pub fn load(
        store: &dyn TaskStore,
        as_of: NaiveDate,
        due_soon_days: i64,
    ) -> sauro_store::Result<Snapshot> {
        let filter = TaskFilter {
            with_search_text: true,
            with_version: true,
            ..TaskFilter::default()
        };
        // As the tasks stood on the as-of day (replayed when it is in the past).
        let rows = store.tasks_on(as_of, &filter)?;
        let registry = store.registry()?;
        let directives = store.directives()?;
        let (items, index, graph) = prepare(rows, &registry, as_of, due_soon_days);
        // A co-led task counts for each of its leads.
        let agencies = sauro_core::agency_stats_of(
            items.iter().map(|t| sauro_core::Counted {
                leads: t.task.leads().map(|l| l.as_str()).collect(),
                status: t.assessment.status,
                key: t.task.key,
            }),
            &registry,
        );
        Ok(Snapshot {
            registry,
            directives,
            items,
            index,
            graph,
            agencies,
            partial: false,
        })
    }

    /// The quick first screenful: the `n` longest-overdue tasks, which head
    /// the list in action order, read in a few milliseconds from the
    /// deadline index. `None` when fewer than `n` tasks are overdue (the
    /// full load is then the first screen). Counts wait for the full load.
    ///
    /// # Errors
    /// Database failures.
    pub fn first_screen(
        store: &dyn TaskStore,
        as_of: NaiveDate,
        due_soon_days: i64,
        n: usize,
    ) -> sauro_store::Result<Option<Snapshot>> {
        let filter = TaskFilter {
            overdue: true,
            first_by_deadline: Some(n),
            with_search_text: true,
            with_version: true,
            ..TaskFilter::default()
        };
        // A past day is replayed from history by the full load only.
        if store.changed_after(as_of)? {
            return Ok(None);
        }
        let rows = store.tasks(&filter, as_of)?;
        if rows.len() < n {
            return Ok(None);
        }
        let registry = store.registry()?;
        let directives = store.directives()?;
        let (items, index, graph) = prepare(rows, &registry, as_of, due_soon_days);
        Ok(Some(Snapshot {
            registry,
            directives,
            items,
            index,
            graph,
            agencies: Vec::new(),
            partial: true,
        }))
    }
}

/// Assesses rows, puts them in action order, indexes them by id and builds
/// their dependency graph.
fn prepare(
    rows: Vec<TaskRow>,
    registry: &Registry,
    as_of: NaiveDate,
    due_soon_days: i64,
) -> (Vec<TaskItem>, HashMap<String, usize>, DependencyGraph) {
    let mut items: Vec<TaskItem> = rows
        .into_iter()
        .map(|r| TaskItem::new(r, registry, as_of, due_soon_days))
        .collect();
    items.sort_by_cached_key(|t| t.action_key());
    let index = items
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id().to_owned(), i))
        .collect();
    let graph = DependencyGraph::build(
        items
            .iter()
            .map(|t| (&t.task.id, t.task.depends_on.as_slice())),
    )
    .unwrap_or_default();
    (items, index, graph)
}

/// The quick filter tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Every task.
    #[default]
    All,
    /// Unfinished and past the deadline.
    Overdue,
    /// Waiting for an unfinished prerequisite.
    Blocked,
    /// Due within the due-soon window.
    DueSoon,
    /// Lacking at least one clarity.
    Missing,
    /// Finished.
    Done,
}

impl Tab {
    /// The tabs in order.
    pub const ALL: [Tab; 6] = [
        Tab::All,
        Tab::Overdue,
        Tab::Blocked,
        Tab::DueSoon,
        Tab::Missing,
        Tab::Done,
    ];

    /// The tab's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::All => lang.pick("Tất cả", "All"),
            Tab::Overdue => lang.pick("Quá hạn", "Overdue"),
            Tab::Blocked => lang.pick("Bị chặn", "Blocked"),
            Tab::DueSoon => lang.pick("Sắp đến hạn", "Due soon"),
            Tab::Missing => lang.pick("Thiếu rõ", "Missing clarity"),
            Tab::Done => lang.pick("Hoàn thành", "Done"),
        }
    }

    /// True when the item belongs under this tab.
    pub fn matches(self, item: &TaskItem) -> bool {
        let a = &item.assessment;
        match self {
            Tab::All => true,
            Tab::Overdue => a.status == Status::Overdue,
            Tab::Blocked => a.blocked,
            Tab::DueSoon => a.due_soon,
            Tab::Missing => !item.missing.is_empty(),
            Tab::Done => a.status.is_done(),
        }
    }
}

/// The filters in force; they combine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The quick tab.
    pub tab: Tab,
    /// Only tasks of this lead agency (and its predecessors).
    pub lead: Option<String>,
    /// Only tasks of this directive.
    pub directive: Option<String>,
    /// Only tasks whose folded text contains this, folded.
    pub search: String,
}

/// What the main area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The task list and the detail pane.
    #[default]
    Tasks,
    /// Per-agency statistics.
    Agencies,
    /// The selected task's dependency tree.
    Dependencies,
}

/// Which pane of the task screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The list.
    #[default]
    List,
    /// The detail pane (its links can be followed).
    Detail,
}

/// A task linked to the selected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The linked task.
    pub id: String,
    /// True for a prerequisite, false for a dependent.
    pub prerequisite: bool,
}

/// What the detail pane shows, loaded when the selection changes.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    /// The task shown.
    pub id: String,
    /// Prerequisites, then dependents.
    pub links: Vec<Link>,
    /// The chains that block it, each down to an unfinished root.
    pub chains: Vec<Vec<String>>,
    /// Its notes.
    pub notes: Vec<Note>,
    /// Its history.
    pub history: Vec<HistoryEntry>,
}

/// One line of the dependency tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeLine {
    /// Nesting depth (0 for the section heading's children).
    pub depth: usize,
    /// The task, or `None` for a heading.
    pub id: Option<String>,
    /// True in the prerequisites half.
    pub prerequisite: bool,
}

/// The lead filter that keeps the tasks with no lead agency.
pub const NO_LEAD: &str = "";

/// How a lead filter is shown: the agency id, or "no lead" for [`NO_LEAD`].
pub fn lead_label(lead: &str, lang: Lang) -> &str {
    if lead == NO_LEAD {
        sauro_core::wording::no_lead(lang)
    } else {
        lead
    }
}

/// The columns the agency table sorts by.
pub const AGENCY_COLUMNS: usize = 9;

/// A message in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// True for an error.
    pub error: bool,
}

/// What is open over the main area and has the keyboard. One at a time:
/// opening one closes what was open, and closing it gives the keyboard
/// back to the screen under it ([`Screen`], [`Pane`]).
#[derive(Debug, Clone, Default)]
pub(crate) enum Overlay {
    /// Nothing: the screen has the keyboard.
    #[default]
    None,
    /// The help, scrolled to its `scroll`th line.
    Help {
        /// The first line of the help in view.
        scroll: u16,
    },
    /// The search being typed in the footer (its text is `Filter::search`;
    /// the input keeps the cursor).
    Search(tui_input::Input),
    /// A list to pick a lead agency or a directive from.
    Picker(Picker),
    /// A form: a change to a task, or the export's file name.
    Form(Form),
}

/// The application state.
pub struct App {
    pub(crate) store: Box<dyn TaskStore + Send>,
    pub(crate) registry: Registry,
    pub(crate) directives: Vec<Directive>,
    /// The day status is computed for.
    pub as_of: NaiveDate,
    /// The interface language.
    pub lang: Lang,
    pub(crate) due_soon_days: i64,
    pub(crate) items: Vec<TaskItem>,
    pub(crate) index: HashMap<String, usize>,
    pub(crate) graph: DependencyGraph,
    pub(crate) visible: Vec<usize>,
    /// The filters in force.
    pub filter: Filter,
    /// What the main area shows.
    pub screen: Screen,
    /// Which pane has the keyboard.
    pub pane: Pane,
    pub(crate) selected: usize,
    pub(crate) offset: usize,
    pub(crate) page: Cell<usize>,
    pub(crate) detail: Detail,
    pub(crate) link_selected: usize,
    pub(crate) detail_scroll: u16,
    pub(crate) back: Vec<String>,
    /// The open overlay, if any.
    pub(crate) overlay: Overlay,
    /// The help's largest scroll and its page, as last drawn.
    pub(crate) help_view: Cell<(u16, u16)>,
    /// The terminal's size at the last draw ((0, 0) before the first).
    pub(crate) size: Cell<(u16, u16)>,
    pub(crate) message: Option<Message>,
    pub(crate) agencies: Vec<AgencyStats>,
    pub(crate) agency_sort: (usize, bool),
    pub(crate) agency_selected: usize,
    pub(crate) tree: Vec<TreeLine>,
    pub(crate) tree_selected: usize,
    pub(crate) loaded: bool,
    /// Only the first screenful is loaded; the rest is on its way.
    pub(crate) partial: bool,
    pub(crate) reload: Option<Sender<()>>,
    pub(crate) user: String,
    pub(crate) clock: fn() -> String,
    /// The day changes are recorded on; changes are refused while the UI
    /// shows another day.
    pub(crate) today: NaiveDate,
    /// Set when the user asked to leave.
    pub quit: bool,
    /// Working days, for the days left to a deadline.
    pub calendar: std::borrow::Cow<'static, sauro_core::Calendar>,
    /// Exports (`E`) keep classified (mật) tasks (`--include-classified`).
    pub include_classified: bool,
}

impl App {
    /// An app on a store, loaded at once: one line in a test.
    ///
    /// # Errors
    /// Database failures.
    pub fn new(
        store: impl TaskStore + Send + 'static,
        as_of: NaiveDate,
        lang: Lang,
    ) -> sauro_store::Result<App> {
        let snapshot = Snapshot::load(&store, as_of, 7)?;
        let mut app = App::empty(store, as_of, lang, 7);
        app.apply(snapshot);
        Ok(app)
    }

    /// An app that shows "loading" until a snapshot is applied.
    pub fn empty(
        store: impl TaskStore + Send + 'static,
        as_of: NaiveDate,
        lang: Lang,
        due_soon_days: i64,
    ) -> App {
        App::boxed(Box::new(store), as_of, lang, due_soon_days)
    }

    /// An app that shows "loading" until a snapshot is applied, on a store
    /// of either backend.
    pub fn boxed(
        store: Box<dyn TaskStore + Send>,
        as_of: NaiveDate,
        lang: Lang,
        due_soon_days: i64,
    ) -> App {
        App {
            store,
            registry: Registry::new(),
            directives: Vec::new(),
            as_of,
            lang,
            due_soon_days,
            items: Vec::new(),
            index: HashMap::new(),
            graph: DependencyGraph::default(),
            visible: Vec::new(),
            filter: Filter::default(),
            screen: Screen::Tasks,
            pane: Pane::List,
            selected: 0,
            offset: 0,
            page: Cell::new(20),
            detail: Detail::default(),
            link_selected: 0,
            detail_scroll: 0,
            back: Vec::new(),
            overlay: Overlay::None,
            help_view: Cell::new((0, 1)),
            size: Cell::new((0, 0)),
            message: None,
            agencies: Vec::new(),
            agency_sort: (5, true),
            agency_selected: 0,
            tree: Vec::new(),
            tree_selected: 0,
            loaded: false,
            partial: false,
            reload: None,
            user: "unknown".to_owned(),
            clock: || String::from("unknown"),
            today: as_of,
            quit: false,
            calendar: std::borrow::Cow::Borrowed(sauro_core::Calendar::bundled()),
            include_classified: false,
        }
    }

    /// Who records changes, and the wall clock that dates them in history.
    pub fn set_actor(&mut self, user: String, clock: fn() -> String) {
        self.user = user;
        self.clock = clock;
    }

    /// The day changes are recorded on (by default the as-of day).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    /// Sets the window of the due-soon flag (days).
    pub fn set_due_soon_days(&mut self, days: i64) {
        self.due_soon_days = days;
    }

    /// Replaces every task with a fresh snapshot, keeping the selection.
    pub fn apply(&mut self, snapshot: Snapshot) {
        let keep = self.selected_id().map(str::to_owned);
        self.registry = snapshot.registry;
        self.directives = snapshot.directives;
        self.items = snapshot.items;
        self.index = snapshot.index;
        self.graph = snapshot.graph;
        self.agencies = snapshot.agencies;
        self.partial = snapshot.partial;
        self.sort_agencies();
        self.loaded = true;
        self.refilter();
        if let Some(id) = keep {
            self.select_id(&id);
        }
        self.refresh_detail();
    }

    /// Replaces one task after a change made here, without a full reload.
    pub(crate) fn patch(&mut self, row: TaskRow) {
        let id = row.task.id.to_string();
        if let Some(&i) = self.index.get(&id) {
            self.items[i] = TaskItem::new(row, &self.registry, self.as_of, self.due_soon_days);
        }
    }

    /// True while only the first screenful is loaded.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// What has the keyboard.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::Help { .. } => Mode::Help,
            Overlay::Form(_) => Mode::Form,
            Overlay::Picker(_) => Mode::Picker,
            Overlay::Search(_) => Mode::Search,
            Overlay::None => match (self.screen, self.pane) {
                (Screen::Agencies, _) => Mode::Agencies,
                (Screen::Dependencies, _) => Mode::Dependencies,
                (Screen::Tasks, Pane::List) => Mode::List,
                (Screen::Tasks, Pane::Detail) => Mode::Detail,
            },
        }
    }

    /// The tasks that pass the filters, in action order.
    pub fn visible(&self) -> impl Iterator<Item = &TaskItem> {
        self.visible.iter().map(|&i| &self.items[i])
    }

    /// How many tasks pass the filters.
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// The selected task, if any.
    pub fn selected(&self) -> Option<&TaskItem> {
        self.visible.get(self.selected).map(|&i| &self.items[i])
    }

    /// The selected task's id.
    pub fn selected_id(&self) -> Option<&str> {
        self.selected().map(|i| i.id())
    }

    /// A task by id.
    pub fn item(&self, id: &str) -> Option<&TaskItem> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// The footer message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The open form, if any.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }

    /// The open picker, if any.
    pub fn picker(&self) -> Option<&Picker> {
        match &self.overlay {
            Overlay::Picker(p) => Some(p),
            _ => None,
        }
    }

    /// The open form, to change.
    pub(crate) fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.overlay {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }

    /// True when the last draw found the terminal too small to use: then
    /// no key acts but quitting.
    pub fn too_small(&self) -> bool {
        let (w, h) = self.size.get();
        w > 0 && (w < crate::view::MIN_WIDTH || h < crate::view::MIN_HEIGHT)
    }

    fn lead_matches(&self, item: &TaskItem, lead: &str) -> bool {
        if lead == NO_LEAD {
            return item.task.lead.is_none();
        }
        // Any of its leads: a co-led task is found under each.
        item.task.leads().any(|l| {
            l.as_str() == lead
                || self.registry.counted_as(l.as_str()) == self.registry.counted_as(lead)
        })
    }

    /// The search as typed, folded, and the agency (counted as its
    /// successor) it names, if any: a search that names an agency by a name
    /// or alias also finds the tasks that agency leads or supports.
    fn needle(&self) -> (String, Option<String>) {
        let text = self.filter.search.trim();
        let agency = (!text.is_empty())
            .then(|| self.registry.resolve(text))
            .flatten()
            .map(|a| self.registry.counted_as(a.id.as_str()).to_owned());
        (fold(text), agency)
    }

    /// True when the item is led or supported by `agency` or a body merged into it.
    fn involves(&self, item: &TaskItem, agency: &str) -> bool {
        let t = &item.task;
        t.leads()
            .chain(t.support.iter())
            .any(|a| self.registry.counted_as(a.as_str()) == agency)
    }

    /// True when the item passes every filter but the tab.
    fn passes_filters(&self, item: &TaskItem, (needle, agency): &(String, Option<String>)) -> bool {
        self.filter
            .lead
            .as_deref()
            .is_none_or(|l| self.lead_matches(item, l))
            && self
                .filter
                .directive
                .as_deref()
                .is_none_or(|d| item.task.directive.as_str() == d)
            && (needle.is_empty()
                || item.search.contains(needle.as_str())
                || agency.as_deref().is_some_and(|a| self.involves(item, a)))
    }

    /// Recomputes the visible tasks after a filter change.
    pub(crate) fn refilter(&mut self) {
        let keep = self.selected_id().map(str::to_owned);
        let needle = self.needle();
        let tab = self.filter.tab;
        self.visible = (0..self.items.len())
            .filter(|&i| {
                let item = &self.items[i];
                tab.matches(item) && self.passes_filters(item, &needle)
            })
            .collect();
        self.selected = 0;
        self.offset = 0;
        if let Some(id) = keep
            && let Some(pos) = self.visible.iter().position(|&i| self.items[i].id() == id)
        {
            self.selected = pos;
        }
        self.clamp_offset();
    }

    /// Counts per tab under the current lead, directive and search filters.
    pub fn tab_counts(&self) -> [usize; 6] {
        let needle = self.needle();
        let mut counts = [0; 6];
        for item in &self.items {
            if self.passes_filters(item, &needle) {
                for (n, tab) in counts.iter_mut().zip(Tab::ALL) {
                    if tab.matches(item) {
                        *n += 1;
                    }
                }
            }
        }
        counts
    }

    /// Counts per status among the visible tasks.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        let mut counts: HashMap<Status, usize> = HashMap::new();
        for t in self.visible() {
            *counts.entry(t.assessment.status).or_default() += 1;
        }
        Status::ALL
            .into_iter()
            .filter_map(|s| counts.get(&s).map(|n| (s, *n)))
            .collect()
    }

    /// Selects a task by id in the visible list; false when it is filtered out.
    pub(crate) fn select_id(&mut self, id: &str) -> bool {
        match self.visible.iter().position(|&i| self.items[i].id() == id) {
            Some(pos) => {
                self.selected = pos;
                self.clamp_offset();
                true
            }
            None => false,
        }
    }

    /// Keeps the selection within the visible window of the list.
    pub(crate) fn clamp_offset(&mut self) {
        let page = self.page.get().max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        let max = self.visible.len().saturating_sub(page);
        self.offset = self
            .offset
            .min(max.max(self.selected.saturating_sub(page - 1)));
    }

    /// Loads what the detail pane shows for the selected task.
    pub(crate) fn refresh_detail(&mut self) {
        let Some(item) = self.selected() else {
            self.detail = Detail::default();
            return;
        };
        let id = item.id().to_owned();
        let mut links: Vec<Link> = self
            .graph
            .prerequisites(&id)
            .map(|p| Link {
                id: p.to_string(),
                prerequisite: true,
            })
            .collect();
        links.extend(self.graph.dependents(&id).map(|d| Link {
            id: d.to_string(),
            prerequisite: false,
        }));
        let chains = if item.assessment.blocked {
            let done = |t: &sauro_core::TaskId| {
                self.item(t.as_str()).is_none_or(|i| {
                    i.assessment.status.is_done() || i.assessment.status == Status::Cancelled
                })
            };
            self.graph
                .blocking_chains(&id, done)
                .into_iter()
                .map(|c| c.into_iter().map(|t| t.to_string()).collect())
                .collect()
        } else {
            Vec::new()
        };
        let notes = self.store.notes(&id).unwrap_or_default();
        let history = self.store.history(&id).unwrap_or_default();
        if self.detail.id != id {
            self.link_selected = 0;
            self.detail_scroll = 0;
        }
        self.detail = Detail {
            id,
            links,
            chains,
            notes,
            history,
        };
        self.link_selected = self
            .link_selected
            .min(self.detail.links.len().saturating_sub(1));
        if self.screen == Screen::Dependencies {
            self.build_tree();
        }
    }

    /// Builds the dependency tree of the selected task.
    pub(crate) fn build_tree(&mut self) {
        const MAX_LINES: usize = 400;
        let mut tree = Vec::new();
        if let Some(id) = self.selected_id().map(str::to_owned) {
            for prerequisite in [true, false] {
                tree.push(TreeLine {
                    depth: 0,
                    id: None,
                    prerequisite,
                });
                let mut stack: Vec<(String, usize)> = self
                    .neighbours(&id, prerequisite)
                    .into_iter()
                    .rev()
                    .map(|n| (n, 1))
                    .collect();
                let mut seen = std::collections::HashSet::new();
                while let Some((n, depth)) = stack.pop() {
                    if tree.len() >= MAX_LINES {
                        break;
                    }
                    let first = seen.insert(n.clone());
                    if first {
                        for next in self.neighbours(&n, prerequisite).into_iter().rev() {
                            stack.push((next, depth + 1));
                        }
                    }
                    tree.push(TreeLine {
                        depth,
                        id: Some(n),
                        prerequisite,
                    });
                }
            }
        }
        self.tree = tree;
        self.tree_selected = self.tree_selected.min(self.tree.len().saturating_sub(1));
    }

    fn neighbours(&self, id: &str, prerequisites: bool) -> Vec<String> {
        if prerequisites {
            self.graph
                .prerequisites(id)
                .map(|t| t.to_string())
                .collect()
        } else {
            self.graph.dependents(id).map(|t| t.to_string()).collect()
        }
    }

    /// Sorts the agency table by the chosen column.
    pub(crate) fn sort_agencies(&mut self) {
        let (col, desc) = self.agency_sort;
        let key = |s: &AgencyStats| -> (u64, String) {
            let n = match col {
                1 => s.assigned,
                2 => s.done_on_time,
                3 => s.done_late,
                4 => s.open,
                5 => s.overdue,
                6 => s.done_undated,
                7 => s.open_undated(),
                8 => s.on_time_rate().map_or(0, |r| (r * 10.0) as usize),
                _ => 0,
            };
            (n as u64, s.agency.clone().unwrap_or_default())
        };
        self.agencies.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            let ord = if col == 0 {
                ka.1.cmp(&kb.1)
            } else {
                ka.0.cmp(&kb.0).then(kb.1.cmp(&ka.1))
            };
            if desc { ord.reverse() } else { ord }
        });
    }

    /// The agency table, sorted.
    pub fn agencies(&self) -> &[AgencyStats] {
        &self.agencies
    }

    /// The registry of agencies.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The directive with this id.
    pub fn directive(&self, id: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.id.as_str() == id)
    }
}
