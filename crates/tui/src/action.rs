//! What a user can ask for, without key codes.

/// A user intent. Keys map to actions in [`crate::keymap`]; `App::update`
/// carries them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Close the overlay, clear the search, or go back to the task list.
    Back,
    /// Move the selection down one row.
    Down,
    /// Move the selection up one row.
    Up,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Go to the first row.
    First,
    /// Go to the last row.
    Last,
    /// Switch focus between the list and the detail pane.
    FocusNext,
    /// Open the selected item (jump to a linked task, open an agency's tasks).
    Open,
    /// Return to the task visited before the last jump.
    JumpBack,
    /// Next filter tab.
    NextTab,
    /// Previous filter tab.
    PrevTab,
    /// Show one filter tab (0: All … 5: Done).
    Tab(u8),
    /// Start typing a search.
    Search,
    /// Pick the lead agency filter.
    PickLead,
    /// Pick the directive filter.
    PickDirective,
    /// Clear every filter.
    ClearFilters,
    /// Show the task list.
    ShowTasks,
    /// Show the per-agency statistics.
    ShowAgencies,
    /// Show the dependency tree of the selected task.
    ShowDependencies,
    /// Show the keys.
    Help,
    /// Mark the selected task done.
    MarkDone,
    /// Reopen the selected task.
    Reopen,
    /// Change the selected task's deadline.
    Extend,
    /// Cancel the selected task.
    Cancel,
    /// Add a note to the selected task.
    AddNote,
    /// Write the tasks in view to a spreadsheet, CSV, Markdown or JSON file.
    Export,
    /// Sort the agency table by the next column.
    SortNext,
    /// Reverse the agency table's order.
    SortReverse,
    /// Reload from the database.
    Reload,
    /// Type a character into the search, picker or form.
    Input(char),
    /// Delete the character before the cursor.
    DeleteChar,
    /// Confirm the search, picker choice or form.
    Submit,
    /// Next field of a form.
    NextField,
    /// Previous field of a form.
    PrevField,
    /// Move the cursor or delete inside a text field.
    Edit(crate::form::Edit),
}

impl Action {
    /// What the action does, for the help screen.
    pub fn describe(self, lang: sauro_core::Lang) -> &'static str {
        use Action::*;
        let (vi, en) = match self {
            Quit => ("Thoát", "Quit"),
            Back => (
                "Quay lại / đóng / xóa tìm kiếm",
                "Back out / close / clear search",
            ),
            Down => ("Xuống một dòng", "Down one row"),
            Up => ("Lên một dòng", "Up one row"),
            PageDown => ("Xuống một trang", "Page down"),
            PageUp => ("Lên một trang", "Page up"),
            First => ("Về dòng đầu", "First row"),
            Last => ("Đến dòng cuối", "Last row"),
            FocusNext => (
                "Chuyển giữa danh sách và chi tiết",
                "Switch list / detail pane",
            ),
            Open => (
                "Mở mục đang chọn (nhảy tới nhiệm vụ liên quan)",
                "Open the selection (jump to a linked task)",
            ),
            JumpBack => (
                "Quay về nhiệm vụ trước khi nhảy",
                "Back to the task before the jump",
            ),
            NextTab => ("Bộ lọc kế tiếp", "Next filter tab"),
            PrevTab => ("Bộ lọc trước", "Previous filter tab"),
            Tab(_) => (
                "Chọn bộ lọc: Tất cả, Quá hạn, Bị chặn, Sắp đến hạn, Thiếu rõ, Hoàn thành",
                "Filter tab: All, Overdue, Blocked, Due soon, Missing clarity, Done",
            ),
            Search => (
                "Tìm kiếm (không phân biệt dấu, hoa thường)",
                "Search (ignores diacritics and case)",
            ),
            PickLead => ("Lọc theo cơ quan chủ trì", "Filter by lead agency"),
            PickDirective => ("Lọc theo văn bản giao", "Filter by directive"),
            ClearFilters => ("Bỏ mọi bộ lọc", "Clear all filters"),
            ShowTasks => ("Danh sách nhiệm vụ", "Task list"),
            ShowAgencies => ("Thống kê theo cơ quan", "Statistics per agency"),
            ShowDependencies => ("Cây phụ thuộc của nhiệm vụ", "Dependency tree of the task"),
            Help => ("Trợ giúp phím", "Key help"),
            MarkDone => ("Đánh dấu hoàn thành", "Mark done"),
            Reopen => ("Mở lại nhiệm vụ", "Reopen"),
            Extend => ("Gia hạn / điều chỉnh thời hạn", "Extend the deadline"),
            Cancel => ("Dừng thực hiện nhiệm vụ", "Cancel the task"),
            AddNote => ("Thêm ghi chú", "Add a note"),
            Export => (
                "Xuất danh sách đang xem (.xlsx, .csv, .md, .json)",
                "Export the tasks in view (.xlsx, .csv, .md, .json)",
            ),
            SortNext => ("Sắp xếp theo cột kế tiếp", "Sort by the next column"),
            SortReverse => ("Đảo thứ tự sắp xếp", "Reverse the order"),
            Reload => ("Tải lại dữ liệu", "Reload"),
            Input(_) => ("Nhập ký tự", "Type"),
            DeleteChar => ("Xóa ký tự", "Delete a character"),
            Submit => ("Xác nhận", "Confirm"),
            NextField => ("Ô kế tiếp", "Next field"),
            PrevField => ("Ô trước", "Previous field"),
            Edit(e) => e.describe(),
        };
        lang.pick(vi, en)
    }
}
