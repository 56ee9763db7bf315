int runTextures();
int runButton();
int runDocuments();

int main() { return runTextures() + runButton() + runDocuments(); }
