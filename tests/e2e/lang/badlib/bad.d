/* A broken library file for library-error.t. */
inline int BAD_ONE = no_such_thing;
