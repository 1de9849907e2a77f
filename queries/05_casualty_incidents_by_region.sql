-- Q5. Incidents with and without casualties, per region.
-- Incidents whose reports say nothing about casualties are counted apart: silence is not zero.
-- Nationwide tallies have country_level true and no region.
SELECT country, region, country_level, with_casualties, without_casualties,
       casualties_not_stated, incidents
FROM casualty_incidents_by_region
ORDER BY incidents DESC, country NULLS LAST, country_level, region NULLS LAST;
