//! `sauro stats`: the VPCP counts per lead agency.

use crate::args::{FilterArgs, Format};
use crate::commands::list::{store_filter, views};
use crate::context::Ctx;
use crate::output::{print, print_json};
use crate::table::{Table, terminal_width};
use sauro_core::{AgencyStats, Counted, agency_stats_of};
use std::process::ExitCode;

#[derive(serde::Serialize)]
struct StatsJson {
    #[serde(flatten)]
    stats: AgencyStats,
    name: Option<String>,
    /// overdue / assigned, percent.
    overdue_share: Option<f64>,
    /// done / (done + overdue), percent.
    completion_rate_of_due: Option<f64>,
    /// on time / (on time + late), percent.
    on_time_rate: Option<f64>,
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

pub fn stats(ctx: &Ctx, f: &FilterArgs, format: Format) -> anyhow::Result<ExitCode> {
    let filter = store_filter(ctx, f)?;
    let views = views(ctx, &filter)?;
    let mut stats = agency_stats_of(
        views.iter().map(|v| Counted {
            leads: v.leads.iter().map(String::as_str).collect(),
            status: v.status,
            key: v.key,
        }),
        &ctx.registry,
    );
    // With --lead, the rows of the agencies asked for (a co-led task found
    // for one of them would add a row for each of its other leads).
    if !filter.leads.is_empty() {
        stats.retain(|s| {
            s.agency
                .as_deref()
                .is_some_and(|a| filter.leads.iter().any(|l| ctx.registry.counted_as(l) == a))
        });
    }
    // The agencies with the most overdue tasks first, as reports name them.
    stats.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.assigned.cmp(&a.assigned))
            .then(a.agency.cmp(&b.agency))
    });
    if format == Format::Json {
        let out: Vec<StatsJson> = stats
            .into_iter()
            .map(|s| StatsJson {
                name: s
                    .agency
                    .as_ref()
                    .map(|a| ctx.registry.name_of(a).to_owned()),
                overdue_share: s.overdue_share(),
                completion_rate_of_due: s.completion_rate_of_due(),
                on_time_rate: s.on_time_rate(),
                stats: s,
            })
            .collect();
        print_json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = ctx.lang.text();
    let mut table = Table::new(&[
        t.col_agency,
        t.col_assigned,
        t.col_on_time,
        t.col_late,
        t.col_open,
        t.col_overdue,
        t.col_ongoing,
        t.col_key,
        t.col_overdue_share,
        t.col_completion,
    ])
    .numeric(&[1, 2, 3, 4, 5, 6, 7, 8, 9]);
    table.flex = 0;
    table.flex_min = 24;
    // A co-led task is in the row of each lead: the total counts tasks once.
    let mut total = AgencyStats::default();
    for v in &views {
        total.add(v.status);
        if v.key && v.status != sauro_core::Status::Cancelled {
            total.key += 1;
        }
    }
    let row = |name: String, s: &AgencyStats| {
        vec![
            name,
            s.assigned.to_string(),
            s.done_on_time.to_string(),
            s.done_late.to_string(),
            s.open.to_string(),
            s.overdue.to_string(),
            s.ongoing.to_string(),
            s.key.to_string(),
            percent(s.overdue_share()),
            percent(s.completion_rate_of_due()),
        ]
    };
    for s in &stats {
        let name = match &s.agency {
            Some(a) => format!("{a} {}", ctx.registry.name_of(a)),
            None => t.no_lead.to_owned(),
        };
        table.push(row(name, s));
    }
    let total_label = match ctx.lang {
        crate::args::Lang::Vi => "Tổng cộng",
        crate::args::Lang::En => "Total",
    };
    table.push(row(total_label.to_owned(), &total));
    let mut out = format!("{} {}\n\n", t.as_of, sauro_core::format_date(ctx.as_of));
    out.push_str(&table.render(terminal_width()));
    out.push('\n');
    out.push_str(t.rates_legend);
    out.push('\n');
    out.push_str(t.co_lead_legend);
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
