"""The annual evaluation (årlig arbejdsmiljødrøftelse, Metode 7): the look back filled in
from the year's handleplan history (`queries`), the required points, concluding it as the
referat, its history (`history`) and PDF (`printing`)."""
