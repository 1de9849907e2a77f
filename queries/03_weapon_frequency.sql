-- Q3. Which weapons appear most often, by role?
-- total_quantity adds, per incident, the largest number any report states for the weapon.
SELECT role, weapon, category, incidents, figures, total_quantity
FROM weapon_frequency
ORDER BY role, incidents DESC, figures DESC, weapon;
