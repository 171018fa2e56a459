"""Flaskr: a one-file blog where the admin posts entries everyone can read.

Settings come from defaults, then the file named by FLASKR_SETTINGS, then FLASKR_* environment variables
(FLASKR_DATABASE, FLASKR_SECRET_KEY, FLASKR_USERNAME, FLASKR_PASSWORD).
"""
import os
import sqlite3

import click
from flask import Flask, abort, flash, g, redirect, render_template, request, session, url_for

app = Flask(__name__)
app.config.update(
    DATABASE=os.path.join(app.root_path, 'flaskr.db'),
    SECRET_KEY='development key',
    USERNAME='admin',
    PASSWORD='default',
)
app.config.from_envvar('FLASKR_SETTINGS', silent=True)
app.config.from_prefixed_env('FLASKR')


def connect_db():
    connection = sqlite3.connect(app.config['DATABASE'])
    connection.row_factory = sqlite3.Row
    return connection


def get_db():
    """One connection per request, closed when the request's app context ends."""
    if 'db' not in g:
        g.db = connect_db()
    return g.db


@app.teardown_appcontext
def close_db(_error):
    db = g.pop('db', None)
    if db is not None:
        db.close()


def init_db():
    """Creates the tables if they are missing; safe to call on every start, existing entries are kept."""
    with app.app_context():
        db = get_db()
        with app.open_resource('schema.sql', mode='r') as schema:
            db.executescript(schema.read())
        db.commit()


@app.cli.command('initdb')
def initdb_command():
    """Create the database tables."""
    init_db()
    click.echo('Initialized the database.')


@app.route('/')
def show_entries():
    entries = get_db().execute('select title, text from entries order by id desc').fetchall()
    return render_template('show_entries.html', entries=entries)


@app.route('/add', methods=['POST'])
def add_entry():
    if not session.get('logged_in'):
        abort(401)
    db = get_db()
    db.execute('insert into entries (title, text) values (?, ?)', [request.form['title'], request.form['text']])
    db.commit()
    flash('New entry was successfully posted')
    return redirect(url_for('show_entries'))


@app.route('/login', methods=['GET', 'POST'])
def login():
    error = None
    if request.method == 'POST':
        if request.form['username'] != app.config['USERNAME']:
            error = 'Invalid username'
        elif request.form['password'] != app.config['PASSWORD']:
            error = 'Invalid password'
        else:
            session['logged_in'] = True
            flash('You were logged in')
            return redirect(url_for('show_entries'))
    return render_template('login.html', error=error)


@app.route('/logout')
def logout():
    session.pop('logged_in', None)
    flash('You were logged out')
    return redirect(url_for('show_entries'))


# Importing this module never touches the database: the WSGI server imports it as whatever user it runs as,
# and the deployment decides when tables are made, by running `flask --app flaskr initdb` or by adding an
# `init_db()` line at the end of this file so they are made when the application loads.
