/* temporary until the server lands in this session */
int main (void);
int main (void) { return 1; }
