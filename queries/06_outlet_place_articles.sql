-- Q6. Everything an outlet published about a given place.
-- Put your outlet and place in the WHERE clause. The place matches the incident's place or the
-- start of its first-level region, so 'Tver' finds the city and the rest of the Tver region.
SELECT outlet, published, title, url, place, admin1, country, incident_date, kind, incident_id
FROM outlet_place_articles
WHERE outlet = 'KSMO Santa Monica'
  AND (place = 'Tver' OR starts_with(admin1, 'Tver'))
ORDER BY published NULLS LAST, article_id, incident_id;
