-- Q6. Everything an outlet published about a given place.
-- Put your outlet and place in "chosen" (the example is from samples/). The place matches the
-- incident's place or its region, so 'Odesa' finds the city and the rest of Odesa Oblast.
WITH chosen AS (
    SELECT 'Black Sea Courier (sample)' AS outlet, 'Odesa' AS place
)
SELECT o.outlet, o.published, o.title, o.url, o.place, o.region, o.country, o.incident_date,
       o.kind, o.incident_id
FROM outlet_place_articles o
JOIN chosen c ON o.outlet = c.outlet
WHERE o.place = c.place OR o.region = c.place OR starts_with(o.region, c.place || ' ')
ORDER BY o.published NULLS LAST, o.article_id, o.incident_id;
