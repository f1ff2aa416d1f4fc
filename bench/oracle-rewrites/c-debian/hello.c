#include <stdio.h>
int main(void) { puts("hello from slimfile"); return 0; }
