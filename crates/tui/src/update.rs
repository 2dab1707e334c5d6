//! `App::update`: actions change the model, and through the store the data.

use crate::action::Action;
use crate::app::{AGENCY_COLUMNS, App, Message, Overlay, Pane, Screen, Snapshot, Tab};
use crate::form::{Form, FormKind, parse_day};
use crate::picker::{Choice, Picker, PickerKind};
use sauro_core::{Deadline, Lang, format_date};
use sauro_store::Actor;
use std::collections::BTreeMap;

impl App {
    /// Carries out one action. Refusals of the store become messages (in the
    /// form when one is open); only failures to reach the database are errors.
    ///
    /// # Errors
    /// Database failures while reloading.
    pub fn update(&mut self, action: Action) -> crate::Result<()> {
        // Nothing acts unseen: on a terminal too small to draw, only quitting does.
        if self.too_small() {
            if action == Action::Quit {
                self.quit = true;
            }
            return Ok(());
        }
        // The open overlay has the keyboard; the screen only when none is.
        match self.overlay {
            Overlay::Help { .. } => self.update_help(action),
            Overlay::Form(_) => return self.update_form(action),
            Overlay::Picker(_) => self.update_picker(action),
            Overlay::Search(_) => self.update_search(action),
            Overlay::None => return self.update_screen(action),
        }
        Ok(())
    }

    /// An action with no overlay open: browsing, or opening an overlay.
    fn update_screen(&mut self, action: Action) -> crate::Result<()> {
        if !matches!(action, Action::Down | Action::Up) {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Back => self.back_out(),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => {
                self.navigate(action);
            }
            Action::FocusNext => {
                self.pane = match self.pane {
                    Pane::List => Pane::Detail,
                    Pane::Detail => Pane::List,
                };
            }
            Action::Open => self.open(),
            Action::JumpBack => {
                if let Some(id) = self.back.pop() {
                    self.jump_to(&id, false);
                }
            }
            Action::NextTab | Action::PrevTab | Action::Tab(_) => {
                let i = Tab::ALL
                    .iter()
                    .position(|t| *t == self.filter.tab)
                    .unwrap_or(0);
                let n = Tab::ALL.len();
                let next = match action {
                    Action::NextTab => (i + 1) % n,
                    Action::PrevTab => (i + n - 1) % n,
                    Action::Tab(t) => (t as usize).min(n - 1),
                    _ => i,
                };
                self.filter.tab = Tab::ALL[next];
                self.screen = Screen::Tasks;
                self.refilter();
                self.refresh_detail();
            }
            Action::Search => {
                self.screen = Screen::Tasks;
                self.overlay = Overlay::Search(tui_input::Input::new(self.filter.search.clone()));
            }
            Action::PickLead => self.open_lead_picker(),
            Action::PickDirective => self.open_directive_picker(),
            Action::ClearFilters => {
                self.filter = Default::default();
                self.refilter();
                self.refresh_detail();
            }
            Action::ShowTasks => self.screen = Screen::Tasks,
            Action::ShowAgencies => self.screen = Screen::Agencies,
            Action::ShowDependencies => {
                self.screen = Screen::Dependencies;
                self.tree_selected = 0;
                self.build_tree();
            }
            Action::MarkDone => self.open_form(FormKind::Done),
            Action::Reopen => self.open_form(FormKind::Reopen),
            Action::Extend => self.open_form(FormKind::Extend),
            Action::Cancel => self.open_form(FormKind::Cancel),
            Action::AddNote => self.open_form(FormKind::Note),
            Action::Export => self.open_export(),
            Action::SortNext => {
                self.agency_sort.0 = (self.agency_sort.0 + 1) % AGENCY_COLUMNS;
                self.sort_agencies();
            }
            Action::SortReverse => {
                self.agency_sort.1 = !self.agency_sort.1;
                self.sort_agencies();
            }
            Action::Reload => self.reload()?,
            Action::Input(_)
            | Action::DeleteChar
            | Action::Submit
            | Action::NextField
            | Action::PrevField
            | Action::Edit(_) => {}
        }
        Ok(())
    }

    fn update_help(&mut self, action: Action) {
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        let (max, page) = self.help_view.get();
        let page = page.max(1);
        *scroll = match action {
            Action::Down => scroll.saturating_add(1),
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::First => 0,
            Action::Last => max,
            _ => *scroll,
        }
        .min(max);
        if matches!(action, Action::Back | Action::Help | Action::Quit) {
            self.overlay = Overlay::None;
        }
        if action == Action::Quit {
            self.quit = true;
        }
    }

    /// Text pasted into the terminal (a bracketed paste): typed into the
    /// open form, search or picker; ignored elsewhere, so pasted text never
    /// acts as keys.
    pub fn paste(&mut self, text: &str) {
        if self.too_small() || matches!(self.overlay, Overlay::Help { .. } | Overlay::None) {
            return;
        }
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        match &mut self.overlay {
            Overlay::Form(form) => form.paste(&clean),
            Overlay::Picker(p) => {
                for c in clean.chars() {
                    p.edit(tui_input::InputRequest::InsertChar(c));
                }
            }
            Overlay::Search(input) => {
                for c in clean.chars() {
                    input.handle(tui_input::InputRequest::InsertChar(c));
                }
                self.filter.search = input.value().to_owned();
                self.refilter();
                self.refresh_detail();
            }
            Overlay::Help { .. } | Overlay::None => {}
        }
    }

    fn back_out(&mut self) {
        if self.screen != Screen::Tasks {
            self.screen = Screen::Tasks;
        } else if self.pane == Pane::Detail {
            self.pane = Pane::List;
        } else if !self.filter.search.is_empty() {
            self.filter.search.clear();
            self.refilter();
            self.refresh_detail();
        }
    }

    fn navigate(&mut self, action: Action) {
        let page = self.page.get().max(1);
        let step = |pos: usize, len: usize| -> usize {
            let last = len.saturating_sub(1);
            match action {
                Action::Down => (pos + 1).min(last),
                Action::Up => pos.saturating_sub(1),
                Action::PageDown => (pos + page).min(last),
                Action::PageUp => pos.saturating_sub(page),
                Action::First => 0,
                Action::Last => last,
                _ => pos,
            }
        };
        match (self.screen, self.pane) {
            (Screen::Agencies, _) => {
                self.agency_selected = step(self.agency_selected, self.agencies.len());
            }
            (Screen::Dependencies, _) => {
                self.tree_selected = step(self.tree_selected, self.tree.len())
            }
            (Screen::Tasks, Pane::Detail) => match action {
                // Pages scroll the pane; rows move between linked tasks.
                Action::PageDown => {
                    self.detail_scroll = self.detail_scroll.saturating_add(page as u16)
                }
                Action::PageUp => {
                    self.detail_scroll = self.detail_scroll.saturating_sub(page as u16)
                }
                Action::First => self.detail_scroll = 0,
                _ => self.link_selected = step(self.link_selected, self.detail.links.len()),
            },
            (Screen::Tasks, Pane::List) => {
                let before = self.selected;
                self.selected = step(self.selected, self.visible.len());
                if self.selected != before {
                    self.clamp_offset();
                    self.refresh_detail();
                }
            }
        }
    }

    fn open(&mut self) {
        match (self.screen, self.pane) {
            (Screen::Tasks, Pane::List) => self.pane = Pane::Detail,
            (Screen::Tasks, Pane::Detail) => {
                if let Some(link) = self.detail.links.get(self.link_selected).cloned() {
                    self.jump_to(&link.id, true);
                }
            }
            (Screen::Dependencies, _) => {
                if let Some(id) = self.tree.get(self.tree_selected).and_then(|l| l.id.clone()) {
                    self.jump_to(&id, true);
                    self.screen = Screen::Dependencies;
                    self.tree_selected = 0;
                    self.build_tree();
                }
            }
            (Screen::Agencies, _) => {
                if let Some(agency) = self
                    .agencies
                    .get(self.agency_selected)
                    .and_then(|a| a.agency.clone())
                {
                    self.filter = Default::default();
                    self.filter.lead = Some(agency);
                    self.screen = Screen::Tasks;
                    self.pane = Pane::List;
                    self.refilter();
                    self.refresh_detail();
                }
            }
        }
    }

    /// Selects a task, clearing filters that hide it; remembers where we were.
    pub(crate) fn jump_to(&mut self, id: &str, remember: bool) {
        if self.item(id).is_none() {
            return;
        }
        let from = self.selected_id().map(str::to_owned);
        if !self.select_id(id) {
            self.filter = Default::default();
            self.refilter();
            self.select_id(id);
        }
        if remember
            && let Some(from) = from
            && from != id
        {
            self.back.push(from);
        }
        self.screen = Screen::Tasks;
        self.pane = Pane::List;
        self.refresh_detail();
    }

    fn update_search(&mut self, action: Action) {
        let request = match action {
            Action::Input(c) => Some(tui_input::InputRequest::InsertChar(c)),
            Action::DeleteChar => Some(tui_input::InputRequest::DeletePrevChar),
            Action::Edit(e) => Some(e.request()),
            _ => None,
        };
        if let (Some(request), Overlay::Search(input)) = (request, &mut self.overlay) {
            input.handle(request);
            if input.value() != self.filter.search {
                self.filter.search = input.value().to_owned();
                self.refilter();
            }
            self.refresh_detail();
            return;
        }
        match action {
            Action::Submit => self.overlay = Overlay::None,
            Action::Back => {
                self.overlay = Overlay::None;
                self.filter.search.clear();
                self.refilter();
            }
            Action::Down | Action::Up => {
                self.navigate(action);
                return;
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
        self.refresh_detail();
    }

    fn open_lead_picker(&mut self) {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for item in &self.items {
            // Every lead of a co-led task, each agency once per task.
            let mut seen: Vec<&str> = Vec::new();
            for l in item.task.leads() {
                let id = self.registry.counted_as(l.as_str());
                if !seen.contains(&id) {
                    seen.push(id);
                    *counts.entry(id.to_owned()).or_default() += 1;
                }
            }
        }
        let mut choices = vec![Choice {
            value: None,
            label: self.lang.pick("(mọi cơ quan)", "(any agency)").into(),
            keys: String::new(),
        }];
        choices.extend(self.no_lead_choice());
        choices.extend(counts.into_iter().map(|(id, n)| {
            // Found by its aliases and by the names of the bodies merged into it.
            let family = self.registry.family(&id);
            Choice {
                label: format!("{id} — {} ({n})", self.registry.name_of(&id)),
                keys: Choice::keys_of(
                    family
                        .iter()
                        .flat_map(|a| std::iter::once(a.id.as_str()).chain(a.names())),
                ),
                value: Some(id),
            }
        }));
        self.overlay = Overlay::Picker(Picker::new(PickerKind::Lead, choices));
    }

    /// The choice of the tasks with no lead agency, when there are any.
    fn no_lead_choice(&self) -> Option<Choice> {
        let n = self.items.iter().filter(|t| t.task.lead.is_none()).count();
        (n > 0).then(|| {
            let label = crate::app::lead_label(crate::app::NO_LEAD, self.lang);
            Choice {
                value: Some(crate::app::NO_LEAD.to_owned()),
                keys: Choice::keys_of([label, "chua ro chu tri", "no lead"]),
                label: format!("{label} ({n})"),
            }
        })
    }

    fn open_directive_picker(&mut self) {
        let mut choices = vec![Choice {
            value: None,
            label: self.lang.pick("(mọi văn bản)", "(any directive)").into(),
            keys: String::new(),
        }];
        choices.extend(self.directives.iter().map(|d| Choice {
            value: Some(d.id.to_string()),
            label: format!(
                "{} — {}{} ({})",
                d.id,
                d.number.as_deref().map(|n| format!("{n}: ")).unwrap_or_default(),
                d.title,
                format_date(d.issued_on)
            ),
            keys: String::new(),
        }));
        self.overlay = Overlay::Picker(Picker::new(PickerKind::Directive, choices));
    }

    fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(p) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Input(c) => p.edit(tui_input::InputRequest::InsertChar(c)),
            Action::DeleteChar => p.edit(tui_input::InputRequest::DeletePrevChar),
            Action::Edit(e) => p.edit(e.request()),
            Action::Down => p.step(true),
            Action::Up => p.step(false),
            Action::Back => self.overlay = Overlay::None,
            Action::Quit => self.quit = true,
            Action::Submit => {
                if let Some(choice) = p.current().cloned() {
                    match p.kind {
                        PickerKind::Lead => self.filter.lead = choice.value,
                        PickerKind::Directive => self.filter.directive = choice.value,
                    }
                    self.overlay = Overlay::None;
                    self.screen = Screen::Tasks;
                    self.refilter();
                    self.refresh_detail();
                }
            }
            _ => {}
        }
    }

    fn open_export(&mut self) {
        let shown = match self.screen {
            Screen::Agencies => "Thống kê",
            _ => self.filter.tab.label(sauro_core::Lang::Vi),
        };
        let tab = sauro_core::fold(shown).replace(' ', "-");
        let mut form = Form::new(FormKind::Export, "", self.as_of);
        form.fields[0].set_value(format!(
            "sauro-{tab}-{}.xlsx",
            self.as_of.format("%Y-%m-%d")
        ));
        // The statistics view stays: its table is what is exported.
        if self.screen == Screen::Dependencies {
            self.screen = Screen::Tasks;
        }
        self.overlay = Overlay::Form(form);
    }

    fn open_form(&mut self, kind: FormKind) {
        let Some(id) = self.selected_id().map(str::to_owned) else {
            return;
        };
        self.screen = Screen::Tasks;
        let mut form = Form::new(kind, &id, self.as_of);
        form.seen = self.item(&id).and_then(|i| i.version);
        self.overlay = Overlay::Form(form);
    }

    fn update_form(&mut self, action: Action) -> crate::Result<()> {
        let Some(form) = self.form_mut() else {
            return Ok(());
        };
        match action {
            Action::Input(c) => form.input(c),
            Action::DeleteChar => form.delete(),
            Action::Edit(e) => form.edit(e),
            Action::NextField => form.move_focus(true),
            Action::PrevField => form.move_focus(false),
            Action::Back => self.overlay = Overlay::None,
            Action::Quit => self.quit = true,
            Action::Submit => self.submit_form()?,
            _ => {}
        }
        Ok(())
    }

    /// Who records a change: today, and only when the UI shows today (the
    /// store's rule, the same as the command line's).
    fn actor(&self) -> sauro_store::Result<Actor> {
        Actor::recording(self.user.clone(), (self.clock)(), self.today, self.as_of)
    }

    fn submit_form(&mut self) -> crate::Result<()> {
        let Some(form) = self.form().cloned() else {
            return Ok(());
        };
        let lang = self.lang;
        if form.kind == FormKind::Export {
            let result = self.export_view(form.value(0));
            return self.form_done(&form, result);
        }
        let result = match self.actor() {
            Ok(actor) => self.record(&form, &actor),
            Err(e) => Err(FormError::from(e)),
        };
        match result {
            Ok(done) => self.form_done(&form, Ok(done)),
            Err(e) if changed_underneath(&e) => self.changed_underneath(&form, &e),
            Err(e) => self.form_done(&form, Err(e.message(lang))),
        }
    }

    /// The task changed since the form was opened (another secretary, an
    /// import): the task is read again and shown as it is now, the whole
    /// snapshot reloaded, and the form stays open saying so, what was
    /// typed kept. Saving again then acts on the task as now shown.
    fn changed_underneath(&mut self, form: &Form, e: &FormError) -> crate::Result<()> {
        let id = form.task.clone();
        let now = self.store.task(&id, self.as_of).ok();
        let version = now.as_ref().and_then(|r| r.version);
        if let Some(row) = now {
            self.patch(row);
        }
        self.request_reload()?;
        let text = format!(
            "{} {}",
            e.message(self.lang),
            self.lang.pick(
                "(đã tải lại nhiệm vụ: xem lại rồi lưu lại, hoặc Esc để bỏ)",
                "(the task was reloaded: look again, then save again, or Esc to drop the change)",
            )
        );
        if let Some(f) = self.form_mut() {
            f.seen = version;
            f.error = Some(text);
        }
        Ok(())
    }

    /// Records the change of a form, passing the version the form was
    /// opened on; every rule is the store's, so the refusal reads as the
    /// command line's. A form's own input problem is an error in words.
    fn record(&mut self, form: &Form, actor: &Actor) -> Result<String, FormError> {
        let lang = self.lang;
        let id = form.task.as_str();
        let seen = form.seen;
        match form.kind {
            FormKind::Done => match parse_day(form.value(0)) {
                Err(fmt) => Err(FormError::Said(format!(
                    "{}: {}",
                    lang.pick("ngày không hợp lệ, viết", "not a date; write"),
                    fmt
                ))),
                Ok(day) => {
                    self.store.mark_done(id, day, actor, seen)?;
                    Ok(format!(
                        "{} {}",
                        lang.pick("hoàn thành ngày", "done on"),
                        format_date(day)
                    ))
                }
            },
            FormKind::Reopen => {
                self.store.reopen(id, actor, seen)?;
                Ok(lang.pick("đã mở lại", "reopened").to_owned())
            }
            FormKind::Extend => match Deadline::parse(form.value(0), actor.day) {
                Err(e) => Err(FormError::Said(e.message(lang))),
                Ok(d) => {
                    self.store.extend(
                        id,
                        &d,
                        form.value(1),
                        form.value(2),
                        form.value(3),
                        actor,
                        seen,
                    )?;
                    let shown = d.date().map_or_else(|| d.written.clone(), format_date);
                    Ok(format!(
                        "{} {shown}",
                        lang.pick("thời hạn mới", "new deadline")
                    ))
                }
            },
            FormKind::Cancel => {
                let reason = form.cancel_reason(lang);
                self.store.cancel(id, form.value(0), &reason, actor, seen)?;
                Ok(lang.pick("đã dừng thực hiện", "cancelled").to_owned())
            }
            FormKind::Note => {
                self.store.add_note(id, form.value(0), actor, seen)?;
                Ok(lang.pick("đã thêm ghi chú", "note added").to_owned())
            }
            FormKind::Export => self.export_view(form.value(0)).map_err(FormError::Said),
        }
    }

    fn form_done(&mut self, form: &Form, result: Result<String, String>) -> crate::Result<()> {
        let lang = self.lang;
        match result {
            Err(e) => {
                if let Some(f) = self.form_mut() {
                    f.error = Some(e);
                }
            }
            Ok(done) if form.kind == FormKind::Export => {
                self.overlay = Overlay::None;
                self.message = Some(Message {
                    text: done,
                    error: false,
                });
            }
            Ok(done) => {
                let id = form.task.clone();
                self.overlay = Overlay::None;
                self.message = Some(Message {
                    text: format!("{} {id}: {done}", lang.pick("Đã lưu", "Saved")),
                    error: false,
                });
                self.after_change(&id)?;
            }
        }
        Ok(())
    }

    /// Makes a change visible at once: the task is patched now, and the
    /// whole snapshot (dependents' blocked flags, counts) reloaded.
    fn after_change(&mut self, id: &str) -> crate::Result<()> {
        if let Ok(row) = self.store.task(id, self.as_of) {
            self.patch(row);
        }
        self.request_reload()
    }

    /// Asks the watcher for a fresh snapshot (reloads here, now, when
    /// there is none), after the task in view was patched.
    fn request_reload(&mut self) -> crate::Result<()> {
        match &self.reload {
            Some(tx) if tx.send(()).is_ok() => {
                self.refilter();
                self.refresh_detail();
                Ok(())
            }
            _ => self.reload(),
        }
    }

    /// Reloads every task from the store, now.
    ///
    /// # Errors
    /// Database failures.
    pub fn reload(&mut self) -> crate::Result<()> {
        let snapshot = Snapshot::load(&*self.store, self.as_of, self.due_soon_days)?;
        self.apply(snapshot);
        Ok(())
    }

    /// Shows an error in the footer.
    pub fn show_error(&mut self, text: String) {
        self.message = Some(Message { text, error: true });
    }

    /// The language's label for "loading".
    pub fn loading_label(lang: Lang) -> &'static str {
        lang.pick("Đang tải dữ liệu…", "Loading…")
    }
}

impl App {
    /// Writes what is on screen: the agency table on the statistics view,
    /// else the tasks in view, in their order, with the columns of the
    /// overdue list and those of the tab. The format follows the file's
    /// extension; a missing folder is created.
    fn export_view(&self, path: &str) -> Result<String, String> {
        let lang = self.lang;
        let ext = std::path::Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "xlsx" | "csv" | "md" | "json") {
            return Err(lang
                .pick(
                    "tên tệp phải có đuôi .xlsx, .csv, .md hoặc .json",
                    "the file name must end in .xlsx, .csv, .md or .json",
                )
                .to_owned());
        }
        let (bytes, n, what) = if self.screen == Screen::Agencies {
            let table = self.agency_table();
            let bytes = match ext.as_str() {
                "xlsx" => table.to_xlsx().map_err(|e| e.message(lang))?,
                "csv" => table.to_csv().map_err(|e| e.message(lang))?,
                "md" => table.to_markdown().into_bytes(),
                _ => table.to_json().map_err(|e| e.message(lang))?.into_bytes(),
            };
            (bytes, self.agencies.len(), ("cơ quan", "agency"))
        } else {
            let list = self.task_list();
            let bytes = match ext.as_str() {
                "xlsx" => list.to_xlsx().map_err(|e| e.message(lang))?,
                "csv" => list.to_csv().map_err(|e| e.message(lang))?,
                "md" => list.to_markdown().into_bytes(),
                _ => list.to_json().map_err(|e| e.message(lang))?.into_bytes(),
            };
            (bytes, list.tasks.len(), ("nhiệm vụ", "task"))
        };
        let full = write_creating_folder(path, &bytes, lang)?;
        Ok(match lang {
            Lang::Vi => format!("Đã ghi {} vào {full}", lang.count(n, what.0, what.1)),
            Lang::En => format!("Wrote {} to {full}", lang.count(n, what.0, what.1)),
        })
    }

    /// The tasks in view as an overdue list with the tab's own columns.
    fn task_list(&self) -> sauro_report::overdue::OverdueList {
        use sauro_report::ReportTask;
        use sauro_report::overdue::OverdueList;
        let lang = self.lang;
        // Classified tasks leave only with `--include-classified`.
        let tasks: Vec<ReportTask> = self
            .visible()
            .filter(|item| self.include_classified || !item.task.classified)
            .map(|item| {
                let directive = self.directive(item.task.directive.as_str());
                ReportTask::from_assessed(item.assessed.clone(), &self.registry, directive)
                    .with_original_deadline(item.file_deadline.as_deref())
            })
            .collect();
        let mut list = OverdueList::new(tasks, self.as_of, lang);
        let mut heading = format!(
            "{} — {}",
            lang.pick("Danh sách nhiệm vụ", "Tasks"),
            self.filter.tab.label(lang)
        );
        if let Some(l) = &self.filter.lead {
            heading.push_str(&format!(" — {}", crate::app::lead_label(l, lang)));
        }
        if let Some(d) = &self.filter.directive {
            heading.push_str(&format!(" — {d}"));
        }
        list.heading = Some(heading);
        list.extra = self.tab_columns();
        list
    }

    /// The columns a tab adds: status and done day for Done, why for Blocked.
    fn tab_columns(&self) -> Vec<sauro_report::overdue::ExtraColumn> {
        use sauro_report::overdue::ExtraColumn;
        let lang = self.lang;
        let column = |label: &str, cell: &dyn Fn(&crate::app::TaskItem) -> String| ExtraColumn {
            label: label.to_owned(),
            cells: self
                .visible()
                .map(|i| (i.id().to_owned(), cell(i)))
                .collect(),
        };
        match self.filter.tab {
            Tab::Done => vec![
                column(lang.pick("Trạng thái", "Status"), &|i| {
                    sauro_core::wording::status_short(i.assessment.status, lang).to_owned()
                }),
                column(
                    lang.pick("Ngày hoàn thành", "Done on"),
                    &|i| match i.task.state {
                        sauro_core::TaskState::Done { on } => format_date(on),
                        _ => String::new(),
                    },
                ),
            ],
            Tab::Blocked => vec![column(
                lang.pick("Lý do bị chặn", "Why blocked"),
                &|i| self.blocked_why(i.id()),
            )],
            _ => Vec::new(),
        }
    }

    /// Why a task is blocked: each chain down to the unfinished root, with
    /// each task's lead and status (`← A/1 (BCA, quá hạn)`).
    pub(crate) fn blocked_why(&self, id: &str) -> String {
        let done = |t: &sauro_core::TaskId| {
            self.item(t.as_str()).is_none_or(|i| {
                i.assessment.status.is_done()
                    || i.assessment.status == sauro_core::Status::Cancelled
            })
        };
        self.graph
            .blocking_chains(id, done)
            .into_iter()
            .map(|chain| {
                chain
                    .iter()
                    .map(|t| match self.item(t.as_str()) {
                        Some(o) => format!("← {}", o.link(self.lang)),
                        None => format!("← {t}"),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The agency table as on screen, in its order, with a total row.
    fn agency_table(&self) -> sauro_report::table::Table {
        sauro_report::table::Table::agency_stats(
            &self.agencies,
            None,
            |a| self.registry.name_of(a).to_owned(),
            self.as_of,
            self.lang,
        )
    }
}

/// Why a form's change was not recorded.
#[derive(Debug)]
enum FormError {
    /// The store refused it, or failed.
    Store(sauro_store::Error),
    /// The form's input, said in the UI's language.
    Said(String),
}

impl From<sauro_store::Error> for FormError {
    fn from(e: sauro_store::Error) -> FormError {
        FormError::Store(e)
    }
}

impl FormError {
    /// The error in `lang`.
    fn message(&self, lang: Lang) -> String {
        match self {
            FormError::Store(e) => e.message(lang),
            FormError::Said(s) => s.clone(),
        }
    }
}

/// True when the store refused a change because the task changed since
/// the form was opened.
fn changed_underneath(e: &FormError) -> bool {
    matches!(
        e,
        FormError::Store(sauro_store::Error::Refused {
            reason: sauro_store::Refusal::Changed { .. },
            ..
        })
    )
}

/// Writes `bytes` to `path`, creating its folder when missing; returns the
/// file's full path, or why it could not be written.
fn write_creating_folder(path: &str, bytes: &[u8], lang: Lang) -> Result<String, String> {
    let file = std::path::Path::new(path);
    let full = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let shown = full.display().to_string();
    if let Some(dir) = full.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        std::fs::create_dir_all(dir).map_err(|e| match lang {
            Lang::Vi => format!("thư mục {} chưa có và không tạo được: {e}", dir.display()),
            Lang::En => format!(
                "folder {} is missing and cannot be created: {e}",
                dir.display()
            ),
        })?;
    }
    std::fs::write(&full, bytes).map_err(|e| match lang {
        Lang::Vi => format!("không ghi được {shown}: {e}"),
        Lang::En => format!("cannot write {shown}: {e}"),
    })?;
    Ok(shown)
}
