// A unit that does not compile: the run reports it and goes on.
int broken() { return undeclared_name; }
