-- Q2. Which incidents injured or killed children?
SELECT incident_id, date, date_text, kind, country, region, place,
       children_killed, children_injured, killed, injured, reports
FROM child_casualty_incidents
ORDER BY date NULLS LAST, incident_id;
