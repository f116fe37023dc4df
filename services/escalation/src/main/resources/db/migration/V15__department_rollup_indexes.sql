-- A department ranking of the whole city (an admin's, the public page's) reads the city rows of every department
-- for a period: by grain and start, like kpi_rollup_period (V12).
CREATE INDEX dept_kpi_rollup_period ON dept_kpi_rollup (grain, start, unit text_pattern_ops);
CREATE INDEX dept_cycle_rollup_period ON dept_cycle_rollup (grain, start, unit text_pattern_ops);
