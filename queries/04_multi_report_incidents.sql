-- Q4. Which incidents are reported by more than one article, and do their numbers agree?
-- One row per figure; agree is null when fewer than two reports give a number for it.
SELECT incident_id, date, place, region, country, reports,
       figure, reports_stating, low, high, agree, claims
FROM multi_report_incidents
ORDER BY incident_id, figure NULLS FIRST;
