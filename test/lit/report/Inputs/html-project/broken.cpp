// Does not compile: the report lists it among the units not analysed.
int broken() { return missing_name < 3; }
