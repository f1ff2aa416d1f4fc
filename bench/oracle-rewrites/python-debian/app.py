import psycopg2
import psycopg2.extensions

print("psycopg2", psycopg2.__version__.split()[0], "libpq", psycopg2.extensions.libpq_version())
