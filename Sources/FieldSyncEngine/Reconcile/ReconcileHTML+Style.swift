/// The reconciliation page's style sheet, inline in the page: the checks report's look (system
/// fonts, its severity colours, tiles and badges), no images, no fonts, colours that print.
enum ReconcileStyleSheet {
    static let css = """
        :root {
          --critical: #c62828; --critical-bg: #fdecea; --critical-dark: #7f1010;
          --warning: #ef8f00; --warning-bg: #fff3dc; --warning-dark: #7a4a00;
          --info: #1e63c4; --info-bg: #e6efff; --info-dark: #0d3a7a;
          --ok: #2e7d32; --ok-bg: #e7f5e8;
          --created: #00796b; --changed: #1e63c4; --deleted: #ad1457; --bookings: #6a1b9a; --over-holds: #a0522d;
          --ink: #1d232a; --muted: #66707a; --line: #d9dee3; --paper: #ffffff; --panel: #f6f7f9;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 1280px; padding: 18px 24px 48px; color: var(--ink); background: var(--paper);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, Helvetica, Arial, sans-serif; }
        code, .mono, .permalink { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        h1 { font-size: 24px; margin: 0 0 4px; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
        h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        h4 { font-size: 14.5px; margin: 14px 0 6px; color: #333; }
        .sub { font-size: 13px; font-weight: normal; color: var(--muted); margin-left: 6px; }
        .muted { color: var(--muted); }
        .nowrap { white-space: nowrap; }
        a { color: inherit; }
        .when { margin: 0; color: #404a54; }
        .utc { color: var(--muted); }
        .mode { font-size: 12px; font-weight: 700; letter-spacing: .05em; padding: 2px 8px; border-radius: 4px; }
        .mode.repair { background: var(--panel); border: 1px solid var(--line); color: #404a54; }
        .mode.dry { background: var(--warning-bg); border: 1px solid var(--warning); color: var(--warning-dark); }
        nav.toc { margin: 12px 0 0; font-size: 13px; }
        nav.toc a { margin-right: 14px; color: var(--info-dark); }

        /* Verdict */
        .verdict { display: flex; align-items: center; gap: 18px; margin: 14px 0 0; padding: 16px 22px; border-radius: 10px;
          border: 2px solid; }
        .verdict.ok { background: var(--ok-bg); border-color: #81c784; color: #1b5e20; }
        .verdict.drift { background: var(--warning-bg); border-color: var(--warning); color: var(--warning-dark); }
        .verdict.incomplete { background: var(--critical-bg); border-color: var(--critical); color: var(--critical-dark); }
        .verdict-mark { flex: none; width: 56px; height: 56px; border-radius: 28px; font-size: 34px; font-weight: 800; line-height: 56px;
          text-align: center; color: #fff; }
        .verdict.ok .verdict-mark { background: var(--ok); }
        .verdict.drift .verdict-mark { background: var(--warning); color: #2b1a00; }
        .verdict.incomplete .verdict-mark { background: var(--critical); }
        .verdict-text { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
        .verdict-line { font-size: 30px; line-height: 1.15; }
        .verdict-detail { font-size: 15px; color: var(--ink); }
        .attention { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-direction: column; gap: 4px; font-size: 14px;
          color: var(--ink); }
        .attention li { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 6px; }
        .attention a { color: var(--ink); font-weight: 600; text-decoration: none; }
        .attention a:hover { text-decoration: underline; }
        .exit { margin-left: auto; flex: none; font: 12px ui-monospace, "DejaVu Sans Mono", monospace; opacity: .75; }

        /* Summary */
        .summary { margin: 14px 0 0; }
        .tiles { display: flex; gap: 10px; flex-wrap: wrap; }
        .tile { display: flex; flex: 1 1 auto; flex-direction: column; justify-content: center; min-width: 110px; padding: 8px 14px 10px;
          border-radius: 8px; text-decoration: none; color: #fff; border: 2px solid transparent; }
        .tile .n { font-size: 34px; font-weight: 700; line-height: 1.05; }
        .tile .caption { font-size: 13px; font-weight: 600; }
        .tile.c-created { background: var(--created); }
        .tile.c-changed { background: var(--changed); }
        .tile.c-deleted { background: var(--deleted); }
        .tile.c-bookings { background: var(--bookings); }
        .tile.c-over-holds { background: var(--over-holds); }
        .tile.c-unrepaired { background: var(--critical); }
        .tile.c-pending { background: var(--warning); color: #2b1a00; }
        .tile.sev-critical { background: var(--critical); }
        .tile.sev-warning { background: var(--warning); color: #2b1a00; }
        .tile.sev-info { background: var(--info); }
        .tile.zero { background: var(--panel); color: #8a939c; border-color: var(--line); }
        .read { margin: 8px 0 0; font-size: 13px; }

        /* Tables */
        table.grid { border-collapse: collapse; width: 100%; font-size: 13px; }
        .grid th, .grid td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        .grid th { color: var(--muted); font-weight: 600; background: var(--panel); }
        .grid .num { text-align: right; }
        .source-more td { border-top: 0; padding-top: 0; }
        tr.source:has(+ tr.source-more) td { border-bottom: 0; }
        .not-compared { margin: 0 0 4px; padding: 6px 10px 6px 26px; background: var(--critical-bg); color: var(--critical-dark);
          border-left: 4px solid var(--critical); border-radius: 4px; }
        .notes { list-style: none; margin: 0; padding: 0; font-size: 12px; color: var(--muted); }
        .note { font-weight: 600; }
        .kind-counts { display: inline-block; margin-right: 12px; white-space: nowrap; }
        .entity { color: var(--muted); }
        .cnt { font-weight: 600; }
        .cnt.c-created { color: var(--created); }
        .cnt.c-changed { color: var(--changed); }
        .cnt.c-deleted { color: var(--deleted); }

        /* Badges */
        .badge { display: inline-block; padding: 1px 7px; border-radius: 4px; font-size: 11px; font-weight: 700; letter-spacing: .04em;
          color: #fff; background: #78909c; white-space: nowrap; }
        .badge.st-compared { background: var(--ok); }
        .badge.st-incomplete { background: var(--critical); }
        .badge.st-failed { background: var(--critical-dark); }
        .badge.c-created { background: var(--created); }
        .badge.c-changed, .badge.b-changed { background: var(--changed); }
        .badge.c-deleted, .badge.b-deleted, .badge.b-canceled { background: var(--deleted); }
        .badge.b-unassigned { background: var(--warning); color: #2b1a00; }
        .badge.c-over-holds { background: var(--over-holds); }
        .badge.sev-critical { background: var(--critical); }
        .badge.sev-warning { background: var(--warning); color: #2b1a00; }
        .badge.sev-info { background: var(--info); }
        .badge.new { background: var(--bookings); }
        .state { font-size: 12.5px; font-weight: 600; white-space: nowrap; }
        .state.fixed { color: var(--ok); }
        .state.pending { color: var(--warning-dark); }
        .state.open { color: #fff; background: var(--critical); padding: 1px 6px; border-radius: 4px; }

        /* Trend */
        .chart { display: flex; align-items: flex-start; gap: 6px; padding: 6px 8px 6px; border: 1px solid var(--line); border-radius: 6px;
          background: linear-gradient(to top, var(--panel), #fff 60%); overflow-x: auto; }
        .run { display: flex; flex-direction: column; align-items: center; flex: 0 0 92px;
          padding: 4px 2px 6px; border-radius: 6px; font-size: 12px; }
        .run .total { font-weight: 700; font-size: 14px; line-height: 20px; }
        .run .bar { display: flex; flex-direction: column; justify-content: flex-end; align-items: center; width: 36px;
          border-bottom: 1px solid #9aa4ad; }
        .run .seg { display: block; width: 100%; }
        .run .seg.zero { height: 3px; background: var(--ok); }
        .run .day { margin-top: 4px; font-weight: 600; white-space: nowrap; }
        .run .hour { color: var(--muted); font-size: 11px; white-space: nowrap; }
        .run .flag { margin-top: 2px; font-size: 10.5px; font-weight: 700; color: #fff; background: var(--critical); padding: 0 5px;
          border-radius: 3px; text-transform: uppercase; }
        .run .flag.now { background: var(--ink); }
        .run.current { background: #e9edf1; box-shadow: inset 0 0 0 1px #c3cbd3; }
        .run.current .day { font-weight: 800; }
        .run.dry .seg:not(.zero) { opacity: .45; }
        .seg.c-created, .swatch.c-created { background: var(--created); }
        .seg.c-changed, .swatch.c-changed { background: var(--changed); }
        .seg.c-deleted, .swatch.c-deleted { background: var(--deleted); }
        .seg.c-bookings, .swatch.c-bookings { background: var(--bookings); }
        .seg.c-over-holds, .swatch.c-over-holds { background: var(--over-holds); }
        .swatch.dry { background: var(--changed); opacity: .45; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 2px 0; font-size: 12px; color: #46525c; }
        .legend-entry { display: inline-flex; align-items: center; gap: 6px; }
        .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 2px; }
        .trend p { margin: 6px 2px 0; font-size: 13px; }

        /* Cards: bookings, over-holds, findings */
        .lead { margin: 0 0 10px; color: #404a54; max-width: 1000px; }
        .card, .finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; padding: 9px 14px;
          margin: 0 0 10px; background: #fff; }
        .card.b-changed { border-left-color: var(--changed); }
        .card.b-canceled, .card.b-deleted { border-left-color: var(--deleted); }
        .card.b-unassigned { border-left-color: var(--warning); }
        .card.over-hold { border-left-color: var(--over-holds); }
        .finding.sev-critical { border-left-color: var(--critical); }
        .finding.sev-warning { border-left-color: var(--warning); }
        .finding.sev-info { border-left-color: var(--info); }
        .card-head { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 10px; }
        .card-head .what { font-weight: 700; font-size: 15px; }
        .card-head .ids { color: #404a54; }
        .card-head .state { margin-left: auto; }
        .via { color: var(--muted); font-size: 11.5px; }
        .detail { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 5px; }
        .permalink { margin-left: auto; font-size: 11px; color: #98a2ab; }
        .message { margin: 6px 0 4px; font-size: 14.5px; }
        .advice { margin: 4px 0 6px; padding: 6px 10px; background: var(--panel); border-radius: 4px; }
        .facts { display: flex; flex-wrap: wrap; gap: 2px 22px; margin: 4px 0; font-size: 12.5px; }
        .facts div { display: flex; gap: 6px; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .records { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12.5px; }
        code { background: #eef1f4; border: 1px solid #dde3e8; border-radius: 3px; padding: 0 5px; }
        .rid { user-select: all; font-weight: 700; }
        .records .via { margin-left: 6px; }
        .checks-failed { padding: 8px 12px; background: var(--critical-bg); color: var(--critical-dark); border-left: 4px solid var(--critical);
          border-radius: 4px; }

        /* Differences */
        .diff-source > h3 { border-left: 4px solid var(--ink); padding-left: 8px; }
        table.diffs { table-layout: fixed; }
        table.diffs th:nth-child(1) { width: 96px; }
        table.diffs th:nth-child(2) { width: 170px; }
        table.diffs th:nth-child(4) { width: 190px; }
        table.diffs th:nth-child(5) { width: 124px; }
        table.diffs td:nth-child(2) { overflow-wrap: anywhere; }
        .diff.c-deleted td:first-child { border-left: 3px solid var(--deleted); }
        .diff.c-created td:first-child { border-left: 3px solid var(--created); }
        .diff.c-changed td:first-child { border-left: 3px solid var(--changed); }
        .context { font-size: 12px; overflow-wrap: anywhere; }
        .source td:first-child { white-space: nowrap; }
        .said { color: #404a54; }
        .fields { list-style: none; margin: 4px 0 2px; padding: 0; }
        .fields li { margin: 1px 0; }
        .fname { display: inline-block; min-width: 78px; color: var(--muted); font-size: 12.5px; }
        .before { color: #6b3a3a; text-decoration: line-through; text-decoration-color: rgba(107, 58, 58, .45); }
        .after { font-weight: 600; }
        .none { font-style: italic; color: var(--muted); text-decoration: none; font-weight: normal; }
        .arrow { color: var(--muted); padding: 0 3px; }
        .personal { font-weight: 600; color: var(--bookings); }
        details.more { margin: 6px 0 0; }
        details.more > summary { cursor: pointer; color: var(--info-dark); font-weight: 600; padding: 4px 0; }
        .omitted { font-size: 13px; color: var(--warning-dark); }
        footer { margin-top: 36px; font-size: 12px; color: var(--muted); }

        @media print {
          @page { margin: 10mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { max-width: none; padding: 0; font-size: 11px; }
          nav.toc { display: none; }
          details.more { display: block; }
          .card, .finding, tr { break-inside: avoid; }
          a { text-decoration: none; }
        }
        """
}
